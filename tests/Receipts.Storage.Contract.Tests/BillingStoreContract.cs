using Receipts.Domain.Billing;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Storage.Contract.Tests;

/// <summary>What every billing store does, whatever the database.</summary>
public abstract class BillingStoreContract<TStore> : StoreContract<TStore>
    where TStore : class, IUsageStore, ITokenStore, IStoreHealth, IBillingStore, IAsyncDisposable
{
    private static readonly DateTimeOffset March2 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static BillingLine Line(string id, DateTimeOffset day, decimal? amount, string dataset = "cost_report", string provider = "anthropic") => new()
    {
        Id = id,
        Source = provider,
        Dataset = dataset,
        Provider = provider,
        PeriodStart = day,
        PeriodEnd = day.AddDays(1),
        IdentityKind = BillingIdentityKind.Workspace,
        IdentityId = "wrkspc_1",
        Model = "claude-sonnet-4-5",
        Amount = amount,
        Basis = CostBasis.Billed,
        Tokens = new TokenCounts(1, 2, 3, 4, 5),
        Tags = new Dictionary<string, string> { ["team"] = "payments" },
    };

    private static BillingWrite Write(BillingScope scope, params BillingLine[] lines) => new()
    {
        Scopes = [scope],
        Lines = lines.ToAsyncEnumerable(),
    };

    [StoreFact]
    public async Task Write_OverlappingPeriod_ReplacesTheLinesInsideItAndKeepsTheRest()
    {
        await Store.WriteBillingAsync(Write(new("anthropic", "cost_report", March2, March2.AddDays(3)),
            Line("a", March2, 1m), Line("b", March2.AddDays(1), 2m), Line("c", March2.AddDays(2), 4m)), Ct);

        var result = await Store.WriteBillingAsync(Write(new("anthropic", "cost_report", March2.AddDays(1), March2.AddDays(3)),
            Line("b", March2.AddDays(1), 20m)), Ct);

        var lines = await Store.ReadBillingLinesAsync(BillingFilter.All, Ct).ToListAsync();
        lines.Select(l => (l.Id, l.Amount)).ShouldBe([("a", 1m), ("b", 20m)]);
        result.ShouldBe(new BillingWriteResult(1, 2, 0));
    }

    [StoreFact]
    public async Task Write_ScopeWithOnlyAnEnd_ReplacesEverythingBeforeIt()
    {
        await Store.WriteBillingAsync(Write(new("anthropic", "cost_report"), Line("a", March2, 1m), Line("b", March2.AddDays(5), 2m)), Ct);

        var result = await Store.WriteBillingAsync(Write(new("anthropic", "cost_report", End: March2.AddDays(1)), Line("a2", March2, 3m)), Ct);

        (await Store.ReadBillingLinesAsync(BillingFilter.All, Ct).ToListAsync()).Select(l => l.Id).ShouldBe(["a2", "b"]);
        result.Replaced.ShouldBe(1);
    }

    [StoreFact]
    public async Task Write_OtherDatasetOrSource_IsNotTouched()
    {
        await Store.WriteBillingAsync(Write(new("anthropic", "usage_report", March2, March2.AddDays(1)), Line("u", March2, null, "usage_report")), Ct);
        await Store.WriteBillingAsync(Write(new("openai", "cost_report", March2, March2.AddDays(1)), Line("o", March2, 5m, provider: "openai")), Ct);

        await Store.WriteBillingAsync(Write(new("anthropic", "cost_report", March2, March2.AddDays(1))), Ct);

        (await Store.ReadBillingLinesAsync(BillingFilter.All, Ct).CountAsync()).ShouldBe(2);
    }

    [StoreFact]
    public async Task Write_LinesThatThrowMidway_WriteNothing()
    {
        await Store.WriteBillingAsync(Write(new("anthropic", "cost_report", March2, March2.AddDays(1)), Line("old", March2, 1m)), Ct);

        async IAsyncEnumerable<BillingLine> Failing()
        {
            yield return Line("new", March2, 2m);
            yield return Line("new2", March2, 3m);
            await Task.Yield();
            throw new FormatException("bad row");
        }

        await Should.ThrowAsync<FormatException>(() => Store.WriteBillingAsync(
            new BillingWrite
            {
                Scopes = [new("anthropic", "cost_report", March2, March2.AddDays(1))],
                Lines = Failing(),
                Identities = [new BillingIdentity { Source = "anthropic", Kind = BillingIdentityKind.ApiKey, Id = "k" }],
                Cursors = [new SourceCursor("anthropic", "billing", "{}")],
            },
            Ct));

        (await Store.ReadBillingLinesAsync(BillingFilter.All, Ct).ToListAsync()).ShouldHaveSingleItem().Id.ShouldBe("old");
        (await Store.ReadBillingIdentitiesAsync(null, Ct)).ShouldBeEmpty();
        (await Store.GetCursorsAsync("anthropic", Ct)).ShouldBeEmpty();
    }

    [StoreFact]
    public async Task Write_LineOutsideEveryScope_ThrowsAndWritesNothing()
    {
        await Should.ThrowAsync<ArgumentException>(() => Store.WriteBillingAsync(
            Write(new("anthropic", "cost_report", March2, March2.AddDays(1)), Line("in", March2, 1m), Line("x", March2.AddDays(5), 1m)), Ct));

        (await Store.ReadBillingLinesAsync(BillingFilter.All, Ct).CountAsync()).ShouldBe(0);
    }

    [StoreFact]
    public async Task Write_ReplaceDatasetsSeen_ReplacesWholeDatasetsFoundInTheLines()
    {
        var seen = new BillingWrite { ReplaceDatasetsSeen = true, Lines = new[] { Line("1", March2, 1m, "aws|1|2026-03-01"), Line("2", March2.AddDays(9), 1m, "aws|1|2026-03-01") }.ToAsyncEnumerable() };
        await Store.WriteBillingAsync(seen, Ct);
        await Store.WriteBillingAsync(new BillingWrite { ReplaceDatasetsSeen = true, Lines = new[] { Line("9", March2, 1m, "aws|2|2026-03-01") }.ToAsyncEnumerable() }, Ct);

        await Store.WriteBillingAsync(new BillingWrite { ReplaceDatasetsSeen = true, Lines = new[] { Line("3", March2, 7m, "aws|1|2026-03-01") }.ToAsyncEnumerable() }, Ct);

        var lines = await Store.ReadBillingLinesAsync(BillingFilter.All, Ct).ToListAsync();
        lines.Select(l => l.Id).Order().ShouldBe(["3", "9"]);
    }

    [StoreFact]
    public async Task Read_RoundTripsEveryFieldAndMoneyExactly()
    {
        var line = Line("a", March2, 0.000000005030m) with
        {
            IdentityAlias = "Payments",
            GroupId = "wrkspc_1",
            ServiceTier = "batch",
            Requests = 7,
            EffectiveAmount = 1234567890.123456789012m,
            ListAmount = -3m,
            Currency = "EUR",
            ChargeCategory = "Credit",
            Sku = "output_tokens",
            Description = "say \"hi\", then\na new line, and an empty alias",
            ServiceName = "Claude API",
            Quantity = 42.5m,
            Unit = "Tokens",
            Attributes = new Dictionary<string, string> { ["x_Deployment"] = "prod" },
        };
        var empty = Line("b", March2, null) with { IdentityAlias = string.Empty, Tags = BillingLine.Empty, Tokens = TokenCounts.Zero };
        await Store.WriteBillingAsync(Write(new("anthropic", "cost_report"), line, empty), Ct);

        var both = await Store.ReadBillingLinesAsync(BillingFilter.All, Ct).ToListAsync();
        var readEmpty = both.Single(l => l.Id == "b");
        (readEmpty.IdentityAlias, readEmpty.Amount, readEmpty.GroupId, readEmpty.Tags.Count).ShouldBe((string.Empty, null, null, 0));
        var read = (await Store.ReadBillingLinesAsync(new BillingFilter { Provider = "anthropic", Since = March2, Until = March2.AddDays(1) }, Ct).ToListAsync()).Single(l => l.Id == "a");

        read.Amount.ShouldBe(0.000000005030m);
        read.EffectiveAmount.ShouldBe(1234567890.123456789012m);
        read.Tags.ShouldBe(line.Tags);
        read.Attributes.ShouldBe(line.Attributes);
        (read with { Tags = line.Tags, Attributes = line.Attributes }).ShouldBe(line);
        (await Store.ReadBillingLinesAsync(new BillingFilter { Provider = "openai" }, Ct).CountAsync()).ShouldBe(0);
        (await Store.ReadBillingLinesAsync(new BillingFilter { Source = "anthropic", Since = March2.AddDays(1) }, Ct).CountAsync()).ShouldBe(0);
    }

    [StoreFact]
    public async Task Identities_AreUpsertedBySourceKindAndId()
    {
        var key = new BillingIdentity { Source = "anthropic", Kind = BillingIdentityKind.ApiKey, Id = "apikey_1", Name = "old", ParentId = "default" };
        await Store.WriteBillingAsync(new BillingWrite { Identities = [key] }, Ct);

        await Store.WriteBillingAsync(
            new BillingWrite { Identities = [key with { Name = "checkout-prod", Tags = new Dictionary<string, string> { ["team"] = "payments" } }] },
            Ct);

        var stored = (await Store.ReadBillingIdentitiesAsync("anthropic", Ct)).ShouldHaveSingleItem();
        (stored.Name, stored.ParentId, stored.Tags["team"]).ShouldBe(("checkout-prod", "default", "payments"));
        (await Store.ReadBillingIdentitiesAsync("openai", Ct)).ShouldBeEmpty();
    }

    [StoreFact]
    public async Task Seats_AreUpsertedByToolPersonAndStart_CountingOnlyNewOnes()
    {
        var seat = new Seat { Tool = "claude-max", Person = "sarah@acme.test", Plan = "max-5x", MonthlyCost = 100m, From = new DateOnly(2026, 1, 1) };
        (await Store.WriteSeatsAsync([seat, seat with { Person = "lee@acme.test", Currency = "EUR" }], Ct)).ShouldBe(2);

        var added = await Store.WriteSeatsAsync([seat with { To = new DateOnly(2026, 3, 31), MonthlyCost = 200.5m }, seat with { From = new DateOnly(2026, 4, 1) }], Ct);

        added.ShouldBe(1);
        (await Store.ReadSeatsAsync(Ct)).ShouldBe(
        [
            seat with { Person = "lee@acme.test", Currency = "EUR" },
            seat with { To = new DateOnly(2026, 3, 31), MonthlyCost = 200.5m },
            seat with { From = new DateOnly(2026, 4, 1) },
        ]);
    }
}
