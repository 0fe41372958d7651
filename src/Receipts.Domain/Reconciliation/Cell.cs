namespace Receipts.Domain.Reconciliation;

/// <summary>
/// The grain at which billing and observation are compared: one provider, one UTC day, one billing
/// identity (api key, workspace, seat or organisation) and one model.
/// </summary>
public sealed record Cell(string Provider, DateOnly Day, IdentityKind IdentityKind, string IdentityId, string Model)
{
    public override string ToString() => $"{Provider}/{Day:yyyy-MM-dd}/{IdentityKind.ToString().ToLowerInvariant()}:{IdentityId}/{Model}";
}
