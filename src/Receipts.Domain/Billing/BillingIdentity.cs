namespace Receipts.Domain.Billing;

/// <summary>
/// One entry of a provider's identity directory: an API key, workspace, project or user with its human
/// name and tags — the key aliases and tags attribution reads. Never a secret: ids and names only.
/// </summary>
public sealed record BillingIdentity
{
    public required string Source { get; init; }

    public required BillingIdentityKind Kind { get; init; }

    public required string Id { get; init; }

    /// <summary>The alias people know it by (key name, workspace name, project name).</summary>
    public string? Name { get; init; }

    /// <summary>The workspace or project it belongs to, when it has one.</summary>
    public string? ParentId { get; init; }

    /// <summary><c>active</c>, <c>archived</c>, …, as the provider says.</summary>
    public string? Status { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = BillingLine.Empty;
}
