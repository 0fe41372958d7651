using Receipts.Domain.Billing;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Storage.DuckDb.Tests;

/// <summary>
/// DuckDB-only: past <see cref="DuckDbStore.BulkThreshold"/> lines a write goes through a spooled CSV loaded by
/// read_csv. The appender path and everything else every store does is in tests/Receipts.Storage.Contract.Tests.
/// </summary>
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

    [Theory]
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

    [Theory]
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

    [Theory]
    [InlineData(1)] // spooled CSV
    [InlineData(1000)] // appender
    public async Task Write_MoreThanTwelveDecimals_RoundsHalfAwayFromZeroToTheColumnScale(int bulkThreshold)
    {
        await using var temp = await TempStore.CreateAsync();
        temp.Store.BulkThreshold = bulkThreshold;
        var line = Line("q", March2, 0.0000000000005m) with { Quantity = 2.000000000000500m, ListAmount = -0.1234567890125m, Description = "one", Sku = "one" };
        await temp.Store.WriteBillingAsync(Write(new("anthropic", "cost_report"), line), CancellationToken.None);

        var read = (await temp.Store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).ToListAsync()).Single();

        read.Amount.ShouldBe(0.000000000001m);
        read.Quantity.ShouldBe(2.000000000001m);
        read.ListAmount.ShouldBe(-0.123456789013m);
        (read.Description, read.Sku).ShouldBe(("one", "one"));
    }
}
