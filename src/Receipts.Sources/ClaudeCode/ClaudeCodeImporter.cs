using System.Collections.Concurrent;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Context;

namespace Receipts.Sources.ClaudeCode;

/// <summary>
/// Imports Claude Code transcripts: reads the bytes appended to each <c>*.jsonl</c> since the last run
/// (files in parallel), keeps one copy per response across all files and roots, and writes the records
/// with the files' new cursors. Bad lines are skipped and counted, never fatal.
/// </summary>
public sealed class ClaudeCodeImporter(IUsageStore store, ClaudeCodeImportOptions? options = null)
{
    public const string SourceKind = "claude-code";

    private readonly ClaudeCodeImportOptions _options = options ?? new ClaudeCodeImportOptions();

    /// <summary>Imports every transcript under <paramref name="scanDirectories"/> (each a <c>projects/</c> folder or a copy of one).</summary>
    public async Task<ImportSummary> ImportAsync(
        IReadOnlyList<string> scanDirectories,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scanDirectories);
        var files = scanDirectories
            .SelectMany(FilePlanner.JsonlFiles)
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var cursors = await store.GetCursorsAsync(SourceKind, cancellationToken);
        var plans = FilePlanner.Plan(files, cursors, CursorJson.Read<FilePosition>);
        var toRead = plans.Where(p => p.Change != FileChange.Unchanged).ToList();
        var counter = new ProgressCounter(toRead.Sum(p => p.Bytes), progress);
        var log = new DiagnosticLog();
        var newCursors = new ConcurrentBag<SourceCursor>();
        var incomplete = 0;

        var partitions = FilePlanner.Partition(toRead, _options.Workers);
        var maps = await Task.WhenAll(partitions.Select(partition => Task.Run(
            () =>
            {
                var map = new ClaudeDedupeMap();
                var parser = new ClaudeLineParser();
                using var reader = new JsonlLineReader();
                foreach (var plan in partition)
                {
                    if (ReadFile(plan, reader, new ClaudeLineSink(parser, map, log, plan.Path), counter, cancellationToken) is { } read)
                    {
                        newCursors.Add(read.Cursor);
                        if (read.Incomplete)
                        {
                            Interlocked.Increment(ref incomplete);
                        }
                    }
                }

                return map;
            },
            cancellationToken)));

        var merged = maps[0];
        foreach (var map in maps.Skip(1))
        {
            merged.AddRange(map);
        }

        var records = merged.Entries.Select(ToRecord).OrderBy(r => r.At).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var write = await WriteAsync(records, [.. newCursors], cancellationToken);
        return new ImportSummary
        {
            Roots = scanDirectories,
            FilesFound = files.Count,
            FilesRead = toRead.Count,
            FilesReset = toRead.Count(p => p.Change is FileChange.Truncated or FileChange.Rewritten),
            BytesRead = counter.Read,
            Records = records.Count,
            Write = write,
            SkippedByReason = log.Counts,
            IncompleteLines = incomplete,
            Diagnostics = log.Kept,
        };
    }

    internal static (SourceCursor Cursor, bool Incomplete)? ReadFile(
        FilePlan plan,
        JsonlLineReader reader,
        ILineSink sink,
        ProgressCounter counter,
        CancellationToken cancellationToken,
        string source = SourceKind)
    {
        try
        {
            using var handle = FilePlanner.Open(plan.Path);
            var result = reader.Read(handle, plan.Start, plan.End, plan.StartLine, sink, counter.Add, cancellationToken);
            var position = FileFingerprint.At(handle, result.Offset, plan.End, result.Line);
            return (new SourceCursor(source, plan.Path, CursorJson.Write(position)), result.IncompleteTail);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Vanished or unreadable since planning: read next time.
            return null;
        }
    }

    private async Task<UsageWriteResult> WriteAsync(List<UsageRecord> records, List<SourceCursor> cursors, CancellationToken cancellationToken)
    {
        if (records.Count == 0 && cursors.Count == 0)
        {
            return new UsageWriteResult(0, 0, 0);
        }

        // Cursors go with the last batch: if a run stops half way, the files are read again and the
        // store's fuller-copy rule makes the second write of a record change nothing.
        int inserted = 0, replaced = 0, unchanged = 0;
        var batches = records.Chunk(Math.Max(1, _options.WriteBatchSize)).ToList();
        if (batches.Count == 0)
        {
            batches.Add([]);
        }

        for (var i = 0; i < batches.Count; i++)
        {
            var result = await store.WriteUsageAsync(batches[i], i == batches.Count - 1 ? cursors : [], cancellationToken);
            inserted += result.Inserted;
            replaced += result.Replaced;
            unchanged += result.Unchanged;
        }

        return new UsageWriteResult(inserted, replaced, unchanged);
    }

    private UsageRecord ToRecord(ClaudeEntry e) => new()
    {
        Id = SourceKind + ":" + e.Key,
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
        TicketIds = _options.Tickets.Parse(e.Branch),
    };
}
