using Receipts.Domain.Billing;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Storage.DuckDb.Tests;

public sealed class BillingStoreTests
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

    [Fact]
    public async Task Write_OverlappingPeriod_ReplacesTheLinesInsideItAndKeepsTheRest()
    {
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        await store.WriteBillingAsync(Write(new("anthropic", "cost_report", March2, March2.AddDays(3)),
            Line("a", March2, 1m), Line("b", March2.AddDays(1), 2m), Line("c", March2.AddDays(2), 4m)), CancellationToken.None);

        var result = await store.WriteBillingAsync(Write(new("anthropic", "cost_report", March2.AddDays(1), March2.AddDays(3)),
            Line("b", March2.AddDays(1), 20m)), CancellationToken.None);

        var lines = await store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).ToListAsync();
        lines.Select(l => (l.Id, l.Amount)).ShouldBe([("a", 1m), ("b", 20m)]);
        result.ShouldBe(new BillingWriteResult(1, 2, 0));
    }

    [Fact]
    public async Task Write_OtherDatasetOrSource_IsNotTouched()
    {
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        await store.WriteBillingAsync(Write(new("anthropic", "usage_report", March2, March2.AddDays(1)), Line("u", March2, null, "usage_report")), CancellationToken.None);
        await store.WriteBillingAsync(Write(new("openai", "cost_report", March2, March2.AddDays(1)), Line("o", March2, 5m, provider: "openai")), CancellationToken.None);

        await store.WriteBillingAsync(Write(new("anthropic", "cost_report", March2, March2.AddDays(1))), CancellationToken.None);

        (await store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).CountAsync()).ShouldBe(2);
    }

    [Theory]
    [InlineData(50_000)]
    [InlineData(1)]
    public async Task Write_LinesThatThrowMidway_WriteNothing(int bulkThreshold)
    {
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        store.BulkThreshold = bulkThreshold;
        await store.WriteBillingAsync(Write(new("anthropic", "cost_report", March2, March2.AddDays(1)), Line("old", March2, 1m)), CancellationToken.None);

        async IAsyncEnumerable<BillingLine> Failing()
        {
            yield return Line("new", March2, 2m);
            yield return Line("new2", March2, 3m);
            await Task.Yield();
            throw new FormatException("bad row");
        }

        await Should.ThrowAsync<FormatException>(() => store.WriteBillingAsync(
            new BillingWrite
            {
                Scopes = [new("anthropic", "cost_report", March2, March2.AddDays(1))],
                Lines = Failing(),
                Identities = [new BillingIdentity { Source = "anthropic", Kind = BillingIdentityKind.ApiKey, Id = "k" }],
                Cursors = [new SourceCursor("anthropic", "billing", "{}")],
            },
            CancellationToken.None));

        (await store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).ToListAsync()).ShouldHaveSingleItem().Id.ShouldBe("old");
        (await store.ReadBillingIdentitiesAsync(null, CancellationToken.None)).ShouldBeEmpty();
        (await store.GetCursorsAsync("anthropic", CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Write_LineOutsideEveryScope_Throws()
    {
        await using var temp = await TempStore.CreateAsync();

        await Should.ThrowAsync<ArgumentException>(() => temp.Store.WriteBillingAsync(
            Write(new("anthropic", "cost_report", March2, March2.AddDays(1)), Line("x", March2.AddDays(5), 1m)), CancellationToken.None));
    }

    [Fact]
    public async Task Write_ReplaceDatasetsSeen_ReplacesWholeDatasetsFoundInTheLines()
    {
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        var seen = new BillingWrite { ReplaceDatasetsSeen = true, Lines = new[] { Line("1", March2, 1m, "aws|1|2026-03-01"), Line("2", March2.AddDays(9), 1m, "aws|1|2026-03-01") }.ToAsyncEnumerable() };
        await store.WriteBillingAsync(seen, CancellationToken.None);
        await store.WriteBillingAsync(new BillingWrite { ReplaceDatasetsSeen = true, Lines = new[] { Line("9", March2, 1m, "aws|2|2026-03-01") }.ToAsyncEnumerable() }, CancellationToken.None);

        await store.WriteBillingAsync(new BillingWrite { ReplaceDatasetsSeen = true, Lines = new[] { Line("3", March2, 7m, "aws|1|2026-03-01") }.ToAsyncEnumerable() }, CancellationToken.None);

        var lines = await store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).ToListAsync();
        lines.Select(l => l.Id).Order().ShouldBe(["3", "9"]);
    }

    [Theory]
    [InlineData(50_000)] // appender
    [InlineData(1)] // spooled CSV loaded by read_csv
    public async Task Read_RoundTripsEveryFieldAndMoneyExactly(int bulkThreshold)
    {
        await using var temp = await TempStore.CreateAsync();
        temp.Store.BulkThreshold = bulkThreshold;
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
        await temp.Store.WriteBillingAsync(Write(new("anthropic", "cost_report"), line, empty), CancellationToken.None);

        var both = await temp.Store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).ToListAsync();
        var readEmpty = both.Single(l => l.Id == "b");
        (readEmpty.IdentityAlias, readEmpty.Amount, readEmpty.GroupId, readEmpty.Tags.Count).ShouldBe((string.Empty, null, null, 0));
        var read = (await temp.Store.ReadBillingLinesAsync(new BillingFilter { Provider = "anthropic", Since = March2, Until = March2.AddDays(1) }, CancellationToken.None).ToListAsync()).Single(l => l.Id == "a");

        read.Amount.ShouldBe(0.000000005030m);
        read.EffectiveAmount.ShouldBe(1234567890.123456789012m);
        read.Tags.ShouldBe(line.Tags);
        read.Attributes.ShouldBe(line.Attributes);
        (read with { Tags = line.Tags, Attributes = line.Attributes }).ShouldBe(line);
        (await temp.Store.ReadBillingLinesAsync(new BillingFilter { Provider = "openai" }, CancellationToken.None).CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Identities_AreUpsertedBySourceKindAndId()
    {
        await using var temp = await TempStore.CreateAsync();
        var key = new BillingIdentity { Source = "anthropic", Kind = BillingIdentityKind.ApiKey, Id = "apikey_1", Name = "old", ParentId = "default" };
        await temp.Store.WriteBillingAsync(new BillingWrite { Identities = [key] }, CancellationToken.None);

        await temp.Store.WriteBillingAsync(
            new BillingWrite { Identities = [key with { Name = "checkout-prod", Tags = new Dictionary<string, string> { ["team"] = "payments" } }] },
            CancellationToken.None);

        var stored = (await temp.Store.ReadBillingIdentitiesAsync("anthropic", CancellationToken.None)).ShouldHaveSingleItem();
        (stored.Name, stored.ParentId, stored.Tags["team"]).ShouldBe(("checkout-prod", "default", "payments"));
    }
}
