using Receipts.Domain.Storage;
using Receipts.Sources.Otlp;
using static Receipts.Sources.Tests.Otlp.TestPayload;

namespace Receipts.Sources.Tests.Otlp;

public sealed class ClaudeCodeMetricsTests
{
    private const ulong Start = 1_760_000_000_000_000_000;
    private static readonly OtlpIngestOptions MetricsLedger = new() { ClaudeCodeCostSource = ClaudeCodeCostSource.Metrics };

    private static Kv[] PointAttributes(string? type) =>
    [
        .. type is null ? Array.Empty<Kv>() : [A("type", type)],
        A("session.id", "9c0d7e2b"), A("user.email", "alice@example.com"), A("model", "claude-sonnet-4-5-20250929"),
        A("query_source", "main"), A("team", "payments"),
    ];

    internal static byte[] Export(int temporality, double cost, long input, long output, ulong time, ulong start = Start, bool protobuf = false)
    {
        var resource = ClaudeCodeEventsTests.Resource;
        Metric[] metrics =
        [
            new("claude_code.cost.usage", "USD", "sum", temporality, [new Point(PointAttributes(null), start, time, cost)]),
            new("claude_code.token.usage", "tokens", "sum", temporality,
            [
                new Point(PointAttributes("input"), start, time, (double)input),
                new Point(PointAttributes("output"), start, time, output),
            ]),
        ];
        return protobuf ? MetricsProtobuf(resource, metrics) : MetricsJson(resource, metrics);
    }

    [Fact]
    public async Task DeltaPoints_OfOneSeriesAndInterval_BecomeOneRecordWithCostAndTokens()
    {
        var records = await ClaudeCodeEventsTests.IngestAndReadAsync(OtlpEncoding.Json, Export(1, 0.0421, 3, 212, Start + 60_000_000_000), OtlpSignal.Metrics, MetricsLedger);

        var record = records.ShouldHaveSingleItem();
        record.Id.ShouldStartWith("otel:metric:");
        record.Cost.ShouldBe(0.0421m);
        record.Tokens.Input.ShouldBe(3);
        record.Tokens.Output.ShouldBe(212);
        record.Model.ShouldBe("claude-sonnet-4-5-20250929");
        record.Person.ShouldBe("alice@example.com");
        record.Tags["team"].ShouldBe("payments");
        record.Tags["project"].ShouldBe("refunds");
    }

    [Fact]
    public async Task JsonAndProtobuf_OfTheSameMetrics_GiveIdenticalRecords()
    {
        var json = await ClaudeCodeEventsTests.IngestAndReadAsync(OtlpEncoding.Json, Export(1, 0.5, 100, 7, Start + 1), OtlpSignal.Metrics, MetricsLedger);
        var protobuf = await ClaudeCodeEventsTests.IngestAndReadAsync(OtlpEncoding.Protobuf, Export(1, 0.5, 100, 7, Start + 1, protobuf: true), OtlpSignal.Metrics, MetricsLedger);

        json.Count.ShouldBe(1);
        Describe(protobuf).ShouldBe(Describe(json));
    }

    [Fact]
    public async Task CumulativePoints_AreTurnedIntoDeltas_RestartsCountFromZero_AndReplaysCountNothing()
    {
        await using var db = await TempDuckDb.CreateAsync();
        using (var receiver = new OtlpReceiver(db.Store, MetricsLedger))
        {
            await receiver.IngestAsync(OtlpSignal.Metrics, Export(2, 1.0, 100, 10, Start + 60), OtlpEncoding.Json, CancellationToken.None);
            await receiver.IngestAsync(OtlpSignal.Metrics, Export(2, 1.5, 250, 30, Start + 120), OtlpEncoding.Json, CancellationToken.None);
            await receiver.IngestAsync(OtlpSignal.Metrics, Export(2, 1.5, 250, 30, Start + 120), OtlpEncoding.Json, CancellationToken.None);

            // The process restarted: a new start time, values from zero.
            await receiver.IngestAsync(OtlpSignal.Metrics, Export(2, 0.25, 40, 4, Start + 500, start: Start + 400), OtlpEncoding.Json, CancellationToken.None);
        }

        var records = await db.Store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
        records.Sum(r => r.Cost).ShouldBe(1.75m);
        records.Sum(r => r.Tokens.Input).ShouldBe(290);
        records.Sum(r => r.Tokens.Output).ShouldBe(34);
    }

    [Fact]
    public async Task CumulativeState_SurvivesARestartOfTheReceiver_SoNothingIsCountedTwice()
    {
        await using var db = await TempDuckDb.CreateAsync();
        using (var before = new OtlpReceiver(db.Store, MetricsLedger))
        {
            await before.IngestAsync(OtlpSignal.Metrics, Export(2, 1.0, 100, 10, Start + 60), OtlpEncoding.Json, CancellationToken.None);
        }

        await db.ReopenAsync();
        using (var after = new OtlpReceiver(db.Store, MetricsLedger))
        {
            await after.IngestAsync(OtlpSignal.Metrics, Export(2, 1.25, 160, 10, Start + 120), OtlpEncoding.Json, CancellationToken.None);
        }

        var records = await db.Store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
        records.Sum(r => r.Cost).ShouldBe(1.25m);
        records.Sum(r => r.Tokens.Input).ShouldBe(160);
    }

    [Fact]
    public async Task ValueThatDrops_WithTheSameStartTime_IsTreatedAsARestart()
    {
        await using var db = await TempDuckDb.CreateAsync();
        using var receiver = new OtlpReceiver(db.Store, MetricsLedger);
        await receiver.IngestAsync(OtlpSignal.Metrics, Export(2, 2.0, 100, 10, Start + 60), OtlpEncoding.Json, CancellationToken.None);
        await receiver.IngestAsync(OtlpSignal.Metrics, Export(2, 0.5, 20, 5, Start + 120), OtlpEncoding.Json, CancellationToken.None);

        var records = await db.Store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
        records.Sum(r => r.Cost).ShouldBe(2.5m);
        records.Sum(r => r.Tokens.Input).ShouldBe(120);
    }
}
