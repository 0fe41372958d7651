namespace Receipts.Domain.Storage;

/// <summary>
/// How far an incremental source has read one of its inputs (a file, an API collection).
/// <see cref="State"/> is the source's own opaque text (usually JSON); the store only keeps it.
/// </summary>
public sealed record SourceCursor(string Source, string Key, string State);
