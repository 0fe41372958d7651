namespace Receipts.Sources.Copilot;

/// <summary>
/// Monthly list price of a Copilot seat by <c>plan_type</c> (USD): Business 19, Enterprise 39. The seats API
/// does not give prices; a negotiated price is passed with <c>--business-price</c> / <c>--enterprise-price</c>.
/// </summary>
public sealed record CopilotPlanPrices(decimal Business = 19m, decimal Enterprise = 39m)
{
    public decimal For(string? planType) =>
        string.Equals(planType, "enterprise", StringComparison.OrdinalIgnoreCase) ? Enterprise : Business;
}
