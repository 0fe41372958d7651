using System.Globalization;

namespace Receipts.Bench.Collector;

/// <summary>Command line: bounded by a record count and a duration; the server is always this process on 127.0.0.1.</summary>
internal sealed record BenchOptions
{
    public long Records { get; init; } = 300_000;

    public int BatchSize { get; init; } = 200;

    public int Clients { get; init; } = 8;

    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromSeconds(60);

    public IReadOnlyList<string> Stores { get; init; } = ["duckdb", "postgres"];

    /// <summary>Records written straight into the store before the run, so it measures a ledger that is not empty.</summary>
    public long Prefill { get; init; }

    /// <summary><c>usage</c>, <c>hooks</c>, <c>otlp</c> or <c>mixed</c> (all three, interleaved batch by batch): see <see cref="BenchEndpoint.ForMix"/>.</summary>
    public string Mix { get; init; } = "mixed";

    /// <summary>
    /// Records per second to offer, open loop (a batch every <c>BatchSize / Rate</c> seconds, at most
    /// <see cref="Clients"/> in flight), with latency timed from each batch's scheduled send so a server that falls
    /// behind shows in it; null: closed loop, every client sends its next batch as soon as the last is answered.
    /// </summary>
    public double? Rate { get; init; }

    /// <summary>The server's journal bar in milliseconds, as <c>receipts serve --journal-ack-ms</c> (default 20; negative: no journal).</summary>
    public int JournalAckMs { get; init; } = 20;

    public string? Postgres { get; init; } = Environment.GetEnvironmentVariable("RECEIPTS_TEST_POSTGRES");

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--records" => options with { Records = long.Parse(Next(), CultureInfo.InvariantCulture) },
                "--batch" => options with { BatchSize = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--clients" => options with { Clients = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seconds" => options with { MaxDuration = TimeSpan.FromSeconds(int.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--store" => options with { Stores = Next().Split(',') },
                "--postgres" => options with { Postgres = Next() },
                "--mix" => options with { Mix = CheckMix(Next()) },
                "--journal-ack-ms" => options with { JournalAckMs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--rate" => options with { Rate = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--prefill" => options with { Prefill = long.Parse(Next(), CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --records N --batch N --clients N --seconds N --store duckdb,postgres --postgres CONNSTRING --prefill N --mix usage|hooks|otlp|otlp-protobuf|mixed|mixed-protobuf --rate RECORDS_PER_SECOND --journal-ack-ms MS"),
            };
        }

        return options;
    }

    private static string CheckMix(string mix)
    {
        _ = BenchEndpoint.ForMix(mix); // throws on an unknown mix
        return mix;
    }
}
