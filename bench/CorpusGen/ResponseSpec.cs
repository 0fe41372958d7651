namespace Receipts.Bench.CorpusGen;

/// <summary>
/// One API response. It is written as one assistant line per content block, each repeating the
/// id, request id and usage. When <see cref="PartialOutput"/> is set, every line but the last
/// carries that smaller output count, as streaming partials do.
/// </summary>
internal sealed record ResponseSpec(
    string MessageId,
    string? RequestId,
    string Model,
    long TimestampMs,
    Usage Usage,
    IReadOnlyList<ContentBlock> Blocks,
    long? PartialOutput,
    string StopReason);
