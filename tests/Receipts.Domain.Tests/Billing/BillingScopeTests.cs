using Receipts.Domain.Billing;
using Receipts.Domain.Usage;

namespace Receipts.Domain.Tests.Billing;

public sealed class BillingScopeTests
{
    private static readonly DateTimeOffset March2 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static BillingLine Line(DateTimeOffset start, string dataset = "cost_report") => new()
    {
        Id = "x",
        Source = "anthropic",
        Dataset = dataset,
        Provider = "anthropic",
        PeriodStart = start,
        PeriodEnd = start.AddDays(1),
        IdentityKind = BillingIdentityKind.Workspace,
        IdentityId = "default",
        Basis = CostBasis.Billed,
    };

    [Fact]
    public void Covers_StartInclusiveEndExclusive()
    {
        var scope = new BillingScope("anthropic", "cost_report", March2, March2.AddDays(2));

        scope.Covers(Line(March2)).ShouldBeTrue();
        scope.Covers(Line(March2.AddDays(1))).ShouldBeTrue();
        scope.Covers(Line(March2.AddDays(2))).ShouldBeFalse();
        scope.Covers(Line(March2.AddDays(-1))).ShouldBeFalse();
        scope.Covers(Line(March2, "usage_report")).ShouldBeFalse();
    }

    [Fact]
    public void Covers_OpenBounds_CoverTheWholeDataset() =>
        new BillingScope("anthropic", "cost_report").Covers(Line(DateTimeOffset.UnixEpoch)).ShouldBeTrue();

    [Fact]
    public void Day_IsTheUtcDayOfThePeriodStart() =>
        Line(new DateTimeOffset(2026, 3, 2, 23, 30, 0, TimeSpan.FromHours(-2))).Day.ShouldBe(new DateOnly(2026, 3, 3));

    [Theory]
    [InlineData(BillingIdentityKind.ApiKey, "api_key")]
    [InlineData(BillingIdentityKind.Workspace, "workspace")]
    [InlineData(BillingIdentityKind.Project, "project")]
    [InlineData(BillingIdentityKind.User, "user")]
    [InlineData(BillingIdentityKind.Account, "account")]
    [InlineData(BillingIdentityKind.Organisation, "organisation")]
    [InlineData(BillingIdentityKind.Seat, "seat")]
    public void IdentityKinds_RoundTripThroughTheirStoredSpelling(BillingIdentityKind kind, string text)
    {
        kind.ToText().ShouldBe(text);
        BillingIdentityKinds.Parse(text).ShouldBe(kind);
    }
}
