namespace Receipts.Server.Ingest;

/// <summary>Why one record of a batch was refused: its index in the batch, the field (camelCase path) and what is wrong.</summary>
public sealed record RecordError(int Index, string Field, string Message);
