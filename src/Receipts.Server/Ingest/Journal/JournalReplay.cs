namespace Receipts.Server.Ingest.Journal;

/// <summary>What opening the journal applied to the store, and the torn last write it dropped (null when none).</summary>
public sealed record JournalReplay(int Batches, int Records, string? TornTail);
