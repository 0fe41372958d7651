namespace Receipts.Domain.Storage;

/// <summary>What a usage write did: new facts, fuller copies that replaced thinner ones, and copies already known.</summary>
public sealed record UsageWriteResult(int Inserted, int Replaced, int Unchanged);
