namespace Receipts.Domain.Billing;

/// <summary>What a billing write did: lines written, stored lines they replaced, identities upserted.</summary>
public sealed record BillingWriteResult(long Written, long Replaced, int Identities);
