namespace Receipts.Sources.Hooks;

/// <summary>What one hook run did, for <c>--verbose</c> and tests.</summary>
public sealed record HookOutcome(
    int RecordsSent,
    int RecordsSpooled,
    int SpoolFilesSent,
    int TranscriptsRead,
    bool OutOfTime,
    TimeSpan Elapsed,
    string? Problem)
{
    public override string ToString() =>
        $"receipts hook: sent {RecordsSent} records, spooled {RecordsSpooled}, resent {SpoolFilesSent} spooled batches, read {TranscriptsRead} transcripts in {Elapsed.TotalMilliseconds:F0} ms"
        + (OutOfTime ? " (out of time; the rest goes next time)" : "")
        + (Problem is null ? "" : $"; {Problem}");
}
