namespace Receipts.Domain.Reconciliation;

/// <summary>What a billing identity is; billing and observations meet only on the same kind and id.</summary>
public enum IdentityKind
{
    /// <summary>No identity finer than the organisation is known.</summary>
    Organisation = 0,

    ApiKey = 1,

    Workspace = 2,

    /// <summary>A person's seat or account (subscription tools, per-user billing).</summary>
    Seat = 3,
}
