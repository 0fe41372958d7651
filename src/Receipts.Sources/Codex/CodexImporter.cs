using System.Collections.Concurrent;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Context;

namespace Receipts.Sources.Codex;

/// <summary>
/// Imports Codex CLI sessions (§7): reads what was appended to each rollout file since the last run, with the
/// session state carried in the file's cursor, and turns each advance of the cumulative token totals into a record.
/// A file under <c>sessions/</c> wins over the same relative path under <c>archived_sessions/</c>.
/// </summary>
public sealed class CodexImporter(IUsageStore store, UsageImportOptions? options = null)
{
    public const string SourceKind = "codex";

    /// <summary>The model assumed when a session never named one (early September 2025 builds), as ccusage does.</summary>
    public const string FallbackModel = "gpt-5";

    private readonly UsageImportOptions _options = options ?? new UsageImportOptions();

    /// <summary>Imports every rollout under <paramref name="sessionDirectories"/>, earlier folders winning for the same relative path.</summary>
    public async Task<ImportSummary> ImportAsync(
        IReadOnlyList<string> sessionDirectories,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionDirectories);
        var files = new List<string>();
        var relativeSeen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in sessionDirectories)
        {
            foreach (var file in FilePlanner.JsonlFiles(directory).Select(Path.GetFullPath).Order(StringComparer.Ordinal))
            {
                if (relativeSeen.Add(Path.GetRelativePath(directory, file)))
                {
                    files.Add(file);
                }
            }
        }

        var cursors = await store.GetCursorsAsync(SourceKind, cancellationToken);
        var plans = FilePlanner.Plan(files, cursors, s => CursorJson.Read<CodexCursorState>(s)?.Position);
        var toRead = plans.Where(p => p.Change != FileChange.Unchanged).ToList();
        var counter = new ProgressCounter(toRead.Sum(p => p.Bytes), progress);
        var log = new DiagnosticLog();
        var newCursors = new ConcurrentBag<SourceCursor>();
        var incomplete = 0;

        var partitions = FilePlanner.Partition(toRead, _options.Workers);
        var lists = await Task.WhenAll(partitions.Select(partition => Task.Run(
            () =>
            {
                var events = new List<CodexEvent>();
                var pool = new StringPool();
                using var reader = new JsonlLineReader();
                foreach (var plan in partition)
                {
                    var state = plan.Previous is { } previous ? CursorJson.Read<CodexCursorState>(previous)?.File ?? new() : new CodexFileState();
                    var sink = new CodexLineSink(state, pool, events, log, plan.Path);
                    if (IncrementalRead.ReadFile(plan, reader, sink, counter, cancellationToken) is { } read)
                    {
                        newCursors.Add(new SourceCursor(SourceKind, plan.Path, CursorJson.Write(new CodexCursorState(read.Position, sink.State))));
                        if (read.Incomplete)
                        {
                            Interlocked.Increment(ref incomplete);
                        }
                    }
                }

                return events;
            },
            cancellationToken)));

        // The same session copied to two files yields the same ids: keep one.
        var events = lists.SelectMany(l => l)
            .DistinctBy(e => e.Id, StringComparer.Ordinal)
            .OrderBy(e => e.At)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        var write = await IncrementalRead.WriteAsync(store, events, ToRecord, [.. newCursors], _options.WriteBatchSize, cancellationToken);
        return new ImportSummary
        {
            Roots = sessionDirectories,
            FilesFound = files.Count,
            FilesRead = toRead.Count,
            FilesReset = toRead.Count(p => p.Change is FileChange.Truncated or FileChange.Rewritten),
            BytesRead = counter.Read,
            Records = events.Count,
            Write = write,
            SkippedByReason = log.Counts,
            IncompleteLines = incomplete,
            Diagnostics = log.Kept,
        };
    }

    private UsageRecord ToRecord(CodexEvent e) => new()
    {
        Id = e.Id,
        SourceKind = SourceKind,
        SourceName = e.File,
        At = e.At,
        Provider = "openai",
        Model = e.Model ?? FallbackModel,
        Tokens = new TokenCounts(e.Input, e.Output, e.CacheRead, 0, 0),
        CostBasis = CostBasis.Estimated,
        MachineUser = _options.MachineUser,
        SessionId = e.SessionId,
        Tool = SourceKind,
        ToolVersion = e.CliVersion,
        Repo = RepoUrl.Normalize(e.RepositoryUrl) ?? _options.Repos.Resolve(e.Cwd),
        Branch = e.Branch,
        Cwd = e.Cwd,
        TicketIds = _options.Tickets.Parse(e.Branch),
        Tags = e.Model is null ? FallbackTags : EmptyTags,
    };

    private static readonly Dictionary<string, string> FallbackTags = new(StringComparer.Ordinal) { ["model_fallback"] = "true" };

    private static readonly Dictionary<string, string> EmptyTags = new(StringComparer.Ordinal);
}
