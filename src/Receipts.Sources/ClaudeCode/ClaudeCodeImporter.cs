using System.Collections.Concurrent;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Context;
using Receipts.Sources.Identity;

namespace Receipts.Sources.ClaudeCode;

/// <summary>
/// Imports Claude Code transcripts: reads the bytes appended to each <c>*.jsonl</c> since the last run
/// (files in parallel), keeps one copy per response across all files and roots, and writes the records
/// with the files' new cursors. Bad lines are skipped and counted, never fatal.
/// </summary>
public sealed class ClaudeCodeImporter
{
    public const string SourceKind = "claude-code";

    /// <summary>How many bytes of transcript the parse may run ahead of the writer (about 10 ms of the writer's work).</summary>
    private const long ReadAheadBytes = 32L << 20;

    private readonly Task<IUsageStore> _store;
    private readonly bool _storeIsNew;
    private readonly UsageImportOptions _options;

    public ClaudeCodeImporter(IUsageStore store, UsageImportOptions? options = null)
        : this(Task.FromResult(store), storeIsNew: false, options)
    {
    }

    /// <summary>
    /// An importer whose store is still opening. When <paramref name="storeIsNew"/> (the store file did not exist, so it
    /// holds no cursors), files are read while the store is created and migrated, and the store is awaited only to
    /// write; otherwise it is awaited first, for its cursors.
    /// </summary>
    public ClaudeCodeImporter(Task<IUsageStore> store, bool storeIsNew, UsageImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _storeIsNew = storeIsNew;
        _options = options ?? new UsageImportOptions();
    }

    // Branch names repeat on every record of a session; their ticket ids are found once per name.
    private readonly Dictionary<string, IReadOnlyList<string>> _ticketsByBranch = new(StringComparer.Ordinal);

    /// <summary>Imports every transcript under <paramref name="scanDirectories"/> (each a <c>projects/</c> folder or a copy of one).</summary>
    public async Task<ImportSummary> ImportAsync(
        IReadOnlyList<string> scanDirectories,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scanDirectories);
        // A new store has no cursors: each file is read from its start to the length the listing gave (one stat per file;
        // opening each to plan it cost ~50 ms on 5,000 files before the first byte was parsed).
        var listed = scanDirectories
            .SelectMany(FilePlanner.JsonlFilesWithLengths)
            .Select(f => (Path: Path.GetFullPath(f.Path), f.Length))
            .DistinctBy(f => f.Path, StringComparer.Ordinal)
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        var files = listed.ConvertAll(f => f.Path);
        var cursors = _storeIsNew
            ? new Dictionary<string, SourceCursor>(StringComparer.Ordinal)
            : await (await _store).GetCursorsAsync(SourceKind, cancellationToken);
        var plans = _storeIsNew ? FilePlanner.PlanUnread(listed) : FilePlanner.Plan(files, cursors, CursorJson.Read<FilePosition>);
        var toRead = plans.Where(p => p.Change != FileChange.Unchanged).ToList();
        var counter = new ProgressCounter(toRead.Sum(p => p.Bytes), progress);
        var log = new DiagnosticLog();
        var newCursors = new ConcurrentBag<SourceCursor>();
        var incomplete = 0;

        // Files are parsed in parallel, each into its own map; one writer takes them in path order, keeps one copy
        // per response across files (on equal copies the earlier path wins, whatever the workers' timing) and, on
        // a first import, appends each winner to the store at once, so the write runs beside the parsing.
        var parsed = toRead.Select(_ => new TaskCompletionSource<ClaudeDedupeMap>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var next = -1;

        // How far the parse may run ahead of the writer: unbounded until the writer starts (the store may still be opening),
        // then ReadAheadBytes. With fewer cores than workers + writer, the writer would otherwise get less than the share
        // of a core it needs, fall behind, and finish its backlog alone after the parse while the other cores idle.
        var ahead = new ReadAhead([.. toRead.Select(p => p.Bytes)], ReadAheadBytes);
        // The workers run on threads of their own (LongRunning): each loops for the whole read, and on the thread pool
        // they would hold every pool thread of a small machine, so the writer's continuations would wait for the pool
        // to add a thread (about 0.5 s) and then do their work after the parse instead of beside it.
        var workers = Enumerable.Range(0, Math.Max(1, _options.Workers)).Select(_ => Task.Factory.StartNew(
            () =>
            {
                var parser = new ClaudeLineParser();
                using var reader = new JsonlLineReader();
                for (var i = Interlocked.Increment(ref next); i < toRead.Count; i = Interlocked.Increment(ref next))
                {
                    var plan = toRead[i];
                    var map = new ClaudeDedupeMap();
                    try
                    {
                        ahead.WaitFor(i, failed.Token);
                        if (IncrementalRead.ReadFile(plan, reader, new ClaudeLineSink(parser, map, log, plan.Path), counter, failed.Token) is { } read)
                        {
                            newCursors.Add(new SourceCursor(SourceKind, plan.Path, CursorJson.Write(read.Position)));
                            if (read.Incomplete)
                            {
                                Interlocked.Increment(ref incomplete);
                            }
                        }

                        parsed[i].TrySetResult(map);
                    }
                    catch (Exception e)
                    {
                        parsed[i].TrySetException(e);
                        failed.Cancel();
                        return;
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToList();

        // Sized up front from the bytes to read (about one response per 8 KiB of transcript; the 1 GB benchmark corpus
        // has one per 11 KiB): grown step by step, these maps' arrays are large-object allocations, and each step past
        // the large-object budget forces a full collection of a heap that by then holds every kept response.
        var expected = (int)Math.Min(counter.Total / 8192, 4_000_000);
        var merged = new ClaudeDedupeMap(expected);
        UsageWriteResult write;
        var bulk = await (await _store).BeginBulkLoadAsync(cancellationToken);
        ahead.Merged(0);
        try
        {
            var streamed = new StreamedCopies(bulk is null ? 0 : expected);
            for (var i = 0; i < parsed.Length; i++)
            {
                var file = parsed[i];
                var entries = (await file.Task).Entries;

                // Merged: the file's own map (its dictionaries, its displaced copies) can go.
                parsed[i] = null!;
                foreach (var entry in entries)
                {
                    var displaced = merged.Add(entry, out var kept);
                    if (bulk is null)
                    {
                        continue;
                    }

                    if (displaced is not null)
                    {
                        streamed.Withdraw(displaced.Key);
                    }
                    else if (kept)
                    {
                        streamed.Append(entry.Key, ToRecord(entry), bulk);
                    }
                }

                ahead.Merged(i + 1);
            }

            await Task.WhenAll(workers);
            if (bulk is not null)
            {
                // Every streamed copy is still in the map (a displaced one is withdrawn), so when the counts agree
                // nothing is late and the 100,000-entry walk is skipped.
                List<UsageRecord> late = streamed.Count == merged.Count ? [] : [.. merged.Entries.Where(e => !streamed.Holds(e.Key)).Select(ToRecord)];
                write = await bulk.CommitAsync(streamed.Withdrawn, late, [.. newCursors], cancellationToken);
            }
            else
            {
                var sorted = merged.Entries.OrderBy(e => e.At).ThenBy(e => e.Key, StringComparer.Ordinal).ToList();
                write = await IncrementalRead.WriteAsync(await _store, sorted, ToRecord, [.. newCursors], _options.WriteBatchSize, cancellationToken);
            }
        }
        catch (Exception e)
        {
            failed.Cancel();
            await Task.WhenAll(workers.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));

            // A file the writer waited for was stopped because another file failed first: report that failure.
            if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested
                && parsed.Select(p => p?.Task.Exception?.InnerException).FirstOrDefault(x => x is not null and not OperationCanceledException) is { } cause)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            }

            throw;
        }
        finally
        {
            if (bulk is not null)
            {
                await bulk.DisposeAsync();
            }
        }

        return new ImportSummary
        {
            Roots = scanDirectories,
            FilesFound = files.Count,
            FilesRead = toRead.Count,
            FilesReset = toRead.Count(p => p.Change is FileChange.Truncated or FileChange.Rewritten),
            BytesRead = counter.Read,
            Records = merged.Count,
            Write = write,
            SkippedByReason = log.Counts,
            IncompleteLines = incomplete,
            Diagnostics = log.Kept,
        };
    }

    // The id every source gives an Anthropic request (UsageRecordIds), so a request that also reached the collector
    // through a hook or OTel counts once; a line with neither a request id nor a real message id keeps the import's key.
    private UsageRecord ToRecord(ClaudeEntry e) => new()
    {
        Id = UsageRecordIds.ForAnthropic(e.RequestId, e.MessageId) ?? SourceKind + ":" + e.Key,
        SourceKind = SourceKind,
        SourceName = e.File,
        At = e.At,
        Provider = "anthropic",
        Model = e.Model ?? "unknown",
        ServiceTier = e.ServiceTier,
        Speed = e.Speed,
        InferenceGeo = e.InferenceGeo,
        Tokens = new TokenCounts(e.Input, e.Output, e.CacheRead, e.CacheWrite5m, e.CacheWrite1h),
        WebSearchRequests = e.WebSearchRequests,
        Cost = e.CostUsd,
        CostBasis = CostBasis.Estimated,
        MessageId = e.MessageId,
        RequestId = e.RequestId,
        IsSidechain = e.IsSidechain,
        MachineUser = _options.MachineUser,
        SessionId = e.SessionId,
        Tool = SourceKind,
        ToolVersion = e.Version,
        Repo = _options.Repos.Resolve(e.Cwd),
        Branch = e.Branch,
        Cwd = e.Cwd,
        TicketIds = TicketsOf(e.Branch),
    };

    private IReadOnlyList<string> TicketsOf(string? branch)
    {
        if (branch is null)
        {
            return [];
        }

        if (!_ticketsByBranch.TryGetValue(branch, out var tickets))
        {
            tickets = _options.Tickets.Parse(branch);
            _ticketsByBranch[branch] = tickets;
        }

        return tickets;
    }
}
