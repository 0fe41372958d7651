using System.Text.Json;
using Receipts.Domain.Usage;
using Receipts.Sources.Focus;

namespace Receipts.Sources.Tests.Focus;

public sealed class FocusRowBuilderTests
{
    private static readonly FocusAttribution Alice = new("pay", "payments", 0.85m) { Person = "alice", Rule = "repo" };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Build_AnyCell_FillsEveryColumnAndCarriesTheAttribution(bool seat)
    {
        var cell = new UsageCell
        {
            Day = new DateOnly(2026, 11, 10),
            Provider = seat ? "cursor" : "anthropic",
            Model = seat ? "(seat)" : "claude-sonnet-4-5",
            Tool = seat ? "cursor" : "claude-code",
            Tokens = new TokenCounts(10, 2, 0, 0, 0),
            Cost = 1.25m,
            Basis = CostBasis.Billed,
            Seat = seat,
            Attribution = Alice,
        };

        var row = new FocusRowBuilder(c => c.Attribution).Build(cell);

        row.Length.ShouldBe(FocusRowBuilder.Columns.Count);
        string? Value(string column) => row[FocusRowBuilder.Columns.ToList().IndexOf(column)];
        Value("ChargeCategory").ShouldBe(seat ? "Purchase" : "Usage");
        Value("ChargeFrequency").ShouldBe(seat ? "Recurring" : "Usage-Based");
        Value("BilledCost").ShouldBe("1.25");
        var tags = JsonSerializer.Deserialize<Dictionary<string, string>>(Value("Tags")!)!;
        tags.ShouldBe(new Dictionary<string, string> { ["team"] = "pay", ["project"] = "payments", ["confidence"] = "0.85", ["person"] = "alice", ["rule"] = "repo" }, ignoreOrder: true);
        Value("x_Project").ShouldBe("payments");
        Value("x_Team").ShouldBe("pay");
        Value("x_Person").ShouldBe("alice");
        Value("x_AttributionRule").ShouldBe("repo");
        Value("x_AttributionConfidence").ShouldBe("0.85");
        FocusRowBuilder.Columns.Where(c => !char.IsUpper(c[0])).ShouldAllBe(c => c.StartsWith("x_", StringComparison.Ordinal));
    }
}
