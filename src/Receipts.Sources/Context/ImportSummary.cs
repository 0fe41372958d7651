using Receipts.Domain.Storage;

namespace Receipts.Sources.Context;

/// <summary>What one import run did, for the closing summary line.</summary>
public sealed record ImportSummary
{
    /// <summary>The folders searched.</summary>
    public required IReadOnlyList<string> Roots { get; init; }

    public int FilesFound { get; init; }

    /// <summary>Files that had something new to read.</summary>
    public int FilesRead { get; init; }

    /// <summary>Files read again from the start because they were truncated or rewritten.</summary>
    public int FilesReset { get; init; }

    public long BytesRead { get; init; }

    /// <summary>Distinct records found in the bytes read (after de-duplication).</summary>
    public int Records { get; init; }

    public UsageWriteResult Write { get; init; } = new(0, 0, 0);

    /// <summary>Bad lines skipped, by reason.</summary>
    public IReadOnlyDictionary<string, long> SkippedByReason { get; init; } = new Dictionary<string, long>();

    public long LinesSkipped => SkippedByReason.Values.Sum();

    /// <summary>Last lines still being written (no newline yet): read next time, not errors.</summary>
    public int IncompleteLines { get; init; }

    /// <summary>Every skipped line (up to a cap); <see cref="LinesSkipped"/> has the full count.</summary>
    public IReadOnlyList<ImportDiagnostic> Diagnostics { get; init; } = [];
}
