using Receipts.Domain.Reconciliation;

namespace Receipts.Domain.Tests.Reconciliation;

public sealed class SeatSpreaderTests
{
    private static readonly SeatCost Seat = new("claude-max", "sarah", 200m, new DateOnly(2026, 1, 1), null);

    [Fact]
    public void Spread_ByListPricedUsage_SumsToTheSeatCost()
    {
        var usage = new Dictionary<(string, int, int), IReadOnlyDictionary<string, decimal>>
        {
            [("sarah", 2026, 11)] = new Dictionary<string, decimal> { ["pay-api"] = 30m, ["web"] = 10m, ["idle"] = 0m },
        };

        var result = SeatSpreader.Spread([Seat], usage, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));

        result.Select(a => (a.Project, a.Amount)).ShouldBe([("pay-api", 150m), ("web", 50m)]);
        result.Sum(a => a.Amount).ShouldBe(200m);
    }

    [Fact]
    public void Spread_NoUsage_IsAnIdleSeat()
    {
        var result = SeatSpreader.Spread([Seat], new Dictionary<(string, int, int), IReadOnlyDictionary<string, decimal>>(), new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));

        result.ShouldBe([new SeatAllocation(Seat, 2026, 11, null, 200m, Idle: true)]);
    }

    [Fact]
    public void Spread_SeatEndingMidMonth_ChargesTheDaysItCovers()
    {
        var seat = Seat with { To = new DateOnly(2026, 11, 15) };

        var result = SeatSpreader.Spread([seat], new Dictionary<(string, int, int), IReadOnlyDictionary<string, decimal>>(), new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31));

        result.Single().Amount.ShouldBe(100m);
    }
}
