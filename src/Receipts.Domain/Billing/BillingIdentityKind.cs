namespace Receipts.Domain.Billing;

/// <summary>What a billing identity is: the thing a provider bills against in a reconciliation cell.</summary>
public enum BillingIdentityKind
{
    /// <summary>The whole organisation or billing account, when nothing finer is known.</summary>
    Organisation = 0,

    /// <summary>An API key (Anthropic <c>apikey_…</c>, OpenAI <c>key_…</c>).</summary>
    ApiKey = 1,

    /// <summary>An Anthropic workspace (<c>wrkspc_…</c>; the default workspace is <c>default</c>).</summary>
    Workspace = 2,

    /// <summary>An OpenAI project (<c>proj_…</c>).</summary>
    Project = 3,

    /// <summary>A person (email or user id).</summary>
    User = 4,

    /// <summary>A cloud sub-account (FOCUS <c>SubAccountId</c>).</summary>
    Account = 5,

    /// <summary>A subscription seat.</summary>
    Seat = 6,
}
