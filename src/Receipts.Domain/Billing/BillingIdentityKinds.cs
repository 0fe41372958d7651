namespace Receipts.Domain.Billing;

/// <summary>The stored spelling of <see cref="BillingIdentityKind"/> (<c>api_key</c>, <c>workspace</c>, …).</summary>
public static class BillingIdentityKinds
{
    public static string ToText(this BillingIdentityKind kind) => kind switch
    {
        BillingIdentityKind.Organisation => "organisation",
        BillingIdentityKind.ApiKey => "api_key",
        BillingIdentityKind.Workspace => "workspace",
        BillingIdentityKind.Project => "project",
        BillingIdentityKind.User => "user",
        BillingIdentityKind.Account => "account",
        BillingIdentityKind.Seat => "seat",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown billing identity kind."),
    };

    public static BillingIdentityKind Parse(string text) => text switch
    {
        "organisation" => BillingIdentityKind.Organisation,
        "api_key" => BillingIdentityKind.ApiKey,
        "workspace" => BillingIdentityKind.Workspace,
        "project" => BillingIdentityKind.Project,
        "user" => BillingIdentityKind.User,
        "account" => BillingIdentityKind.Account,
        "seat" => BillingIdentityKind.Seat,
        _ => throw new FormatException($"Unknown billing identity kind '{text}'."),
    };
}
