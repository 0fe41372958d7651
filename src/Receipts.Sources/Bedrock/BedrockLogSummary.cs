using Receipts.Sources.Focus;

namespace Receipts.Sources.Bedrock;

/// <summary>What a Bedrock invocation-log import read, wrote and skipped.</summary>
public sealed class BedrockLogSummary
{
    private readonly List<FocusError> _skipped = [];

    public int Files { get; internal set; }

    /// <summary>Files left alone because they had not changed since the last import.</summary>
    public int UnchangedFiles { get; internal set; }

    public long Records { get; internal set; }

    public int Inserted { get; internal set; }

    public int Unchanged { get; internal set; }

    /// <summary>Invocations without tokens (failed requests): counted, not stored.</summary>
    public long WithoutTokens { get; internal set; }

    public DateTimeOffset? From { get; internal set; }

    public DateTimeOffset? Until { get; internal set; }

    /// <summary>Lines that were not a log record, with file:line and why.</summary>
    public IReadOnlyList<FocusError> Skipped => _skipped;

    internal void Skip(FocusError error) => _skipped.Add(error);

    internal void Saw(DateTimeOffset at)
    {
        From = From is null || at < From ? at : From;
        Until = Until is null || at > Until ? at : Until;
    }
}
