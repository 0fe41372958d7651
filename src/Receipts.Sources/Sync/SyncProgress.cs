namespace Receipts.Sources.Sync;

/// <summary>A step of a sync run: source <see cref="Index"/> of <see cref="Count"/> started, or finished with <see cref="Result"/>.</summary>
public sealed record SyncProgress(int Index, int Count, string Name, SyncSourceResult? Result);
