namespace Receipts.Bench.CorpusGen;

/// <summary>What a later session needs to resume this one: its first turns, and when it ended.</summary>
internal sealed record SessionRecord(IReadOnlyList<TurnSpec> Turns, long EndMs);
