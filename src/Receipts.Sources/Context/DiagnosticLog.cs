using System.Collections.Concurrent;

namespace Receipts.Sources.Context;

/// <summary>Collects skipped lines from parallel readers: every one counted, the first few thousand kept with their place.</summary>
internal sealed class DiagnosticLog
{
    private const int MaxKept = 5000;

    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ImportDiagnostic> _kept = new();
    private int _keptCount;

    public void Skip(string file, long line, string reason)
    {
        _counts.AddOrUpdate(reason, 1, static (_, n) => n + 1);
        if (Interlocked.Increment(ref _keptCount) <= MaxKept)
        {
            _kept.Enqueue(new ImportDiagnostic(file, line, reason));
        }
    }

    public IReadOnlyDictionary<string, long> Counts => new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);

    public IReadOnlyList<ImportDiagnostic> Kept =>
        _kept.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ToList();
}
