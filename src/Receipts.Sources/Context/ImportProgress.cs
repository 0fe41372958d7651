namespace Receipts.Sources.Context;

/// <summary>Bytes read so far out of the bytes an import has to read.</summary>
public readonly record struct ImportProgress(long BytesRead, long BytesTotal);
