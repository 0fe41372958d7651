using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Receipts.Domain.Storage;
using Receipts.Domain.Tokens;
using Receipts.Server;
using Receipts.Server.Dashboard;
using Receipts.Server.Metrics;
using Receipts.Server.Storage;

namespace Receipts.Bench.Collector;

/// <summary>One store: start the real server on 127.0.0.1, drive it with concurrent clients, verify the store's count.</summary>
internal static class CollectorRun
{
    public static async Task<string> RunAsync(string storeName, BenchOptions options, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "receipts-bench", Guid.NewGuid().ToString("n"));
        await using var database = storeName == "postgres" && options.Postgres is { Length: > 0 } admin
            ? await BenchDatabase.CreateAsync(admin, cancellationToken)
            : null;
        var spec = storeName switch
        {
            "duckdb" => new StoreSpec(StoreKind.DuckDb, Path.Combine(directory, "bench.duckdb")),
            "postgres" when database is not null => new StoreSpec(StoreKind.Postgres, database.ConnectionString),
            "postgres" => null,
            _ => throw new ArgumentException($"Unknown store {storeName}: duckdb or postgres"),
        };
        if (spec is null)
        {
            return "postgres: skipped (set RECEIPTS_TEST_POSTGRES or --postgres CONNSTRING)";
        }

        await using var store = await ServerStore.OpenAsync(spec, TimeProvider.System, cancellationToken);
        var token = TokenSecret.Generate();
        var run = Guid.NewGuid().ToString("n")[..8];
        await store.Tokens.CreateTokenAsync(new ApiToken { Name = "bench-" + run, Hash = TokenSecret.Hash(token), Scope = TokenScope.Ingest, CreatedAt = TimeProvider.System.GetUtcNow() }, cancellationToken);
        var prefillTime = Stopwatch.StartNew();
        for (long n = 0; n < options.Prefill; n += 50_000)
        {
            await store.Usage.WriteUsageAsync(BatchGenerator.Records("pre-" + run, n, (int)Math.Min(50_000, options.Prefill - n)), [], cancellationToken);
        }

        var prefilled = options.Prefill > 0 ? $" (after prefilling {options.Prefill:N0} records in {prefillTime.Elapsed.TotalSeconds:0} s)" : string.Empty;
        var before = await store.Usage.CountUsageAsync(cancellationToken);

        await using var app = ReceiptsServer.Build(new ReceiptsServerOptions { Urls = ["http://127.0.0.1:0"], JournalAckAfter = options.JournalAckMs < 0 ? null : TimeSpan.FromMilliseconds(options.JournalAckMs) }, store, b =>
        {
            b.Logging.ClearProviders();
            // A collector-only server, as `receipts serve --no-dashboard`: no snapshot reads the store mid-run.
            b.Services.AddSingleton(new DashboardOptions { Enabled = false });
        });
        await app.StartAsync(cancellationToken);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients }) { BaseAddress = new Uri(app.Urls.Single()) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var endpoints = BenchEndpoint.ForMix(options.Mix);
        var storedBefore = await CountByEndpointAsync(store, endpoints, cancellationToken);

        // Warm-up: JIT, connection pool, first store pages, every endpoint of the mix. Not counted.
        var warmed = new long[endpoints.Count];
        for (var i = 0; i < 10; i++)
        {
            var e = i % endpoints.Count;
            warmed[e] += await SendAsync(client, endpoints[e], endpoints[e].Batch("warm-" + run, i, options.BatchSize), options.BatchSize, cancellationToken);
        }

        var batches = options.Records / options.BatchSize;

        // The bodies are made before the clock starts: on a 2-core machine the generator's JSON writing would
        // otherwise take CPU from the server being measured. A mix interleaves its endpoints batch by batch.
        var bodies = Enumerable.Range(0, (int)batches).Select(b => endpoints[b % endpoints.Count].Batch(run, b, options.BatchSize)).ToArray();
        var acknowledged = new long[endpoints.Count];
        var latencies = new List<double>[options.Clients];
        long next = -1, failed = 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var pausedBefore = GC.GetTotalPauseDuration();
        var gen2Before = GC.CollectionCount(2);
        var deadline = Stopwatch.StartNew();
        async Task SendTimedAsync(long batch, long scheduled, List<double> into)
        {
            var e = (int)(batch % endpoints.Count);
            var acked = await SendAsync(client, endpoints[e], bodies[batch], options.BatchSize, cancellationToken);
            Interlocked.Add(ref acknowledged[e], acked);
            if (acked < options.BatchSize)
            {
                Interlocked.Increment(ref failed);
            }

            lock (into)
            {
                into.Add(Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds);
            }
        }

        if (options.Rate is { } rate)
        {
            // Open loop: batch b is due at b × batch / rate seconds; its latency counts from then, waiting included.
            latencies[0] = [];
            for (var c = 1; c < options.Clients; c++)
            {
                latencies[c] = [];
            }

            using var inFlight = new SemaphoreSlim(options.Clients);
            var sends = new List<Task>();
            var start = Stopwatch.GetTimestamp();
            for (long batch = 0; batch < batches && deadline.Elapsed < options.MaxDuration; batch++)
            {
                var due = start + (long)(batch * options.BatchSize / rate * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                var b = batch;
                sends.Add(Task.Run(
                    async () =>
                    {
                        await inFlight.WaitAsync(cancellationToken);
                        try
                        {
                            await SendTimedAsync(b, due, latencies[0]);
                        }
                        finally
                        {
                            inFlight.Release();
                        }
                    },
                    cancellationToken));
            }

            await Task.WhenAll(sends);
        }
        else
        {
            await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(c => Task.Run(
                async () =>
                {
                    latencies[c] = [];
                    long batch;
                    while ((batch = Interlocked.Increment(ref next)) < batches && deadline.Elapsed < options.MaxDuration)
                    {
                        await SendTimedAsync(batch, Stopwatch.GetTimestamp(), latencies[c]);
                    }
                },
                cancellationToken)));
        }

        var elapsed = deadline.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        var gen2 = GC.CollectionCount(2) - gen2Before;
        await app.StopAsync(cancellationToken);

        var all = latencies.SelectMany(l => l).Order().ToList();
        var sent = (long)all.Count * options.BatchSize;
        var stored = await store.Usage.CountUsageAsync(cancellationToken) - before - warmed.Sum();
        var storedAfter = await CountByEndpointAsync(store, endpoints, cancellationToken);
        var perEndpoint = string.Join(", ", endpoints.Select((endpoint, e) =>
            $"{endpoint.Name} {endpoint.Path} acknowledged {acknowledged[e]} stored {storedAfter[e] - storedBefore[e] - warmed[e]}"));
        var offered = options.Rate is { } r ? $", offered {r:N0} records/s open loop" : string.Empty;
        var result = $"{storeName}{prefilled}, mix {options.Mix}{offered}: {sent} records in {all.Count} batches, {elapsed.TotalSeconds:0.0} s, "
            + $"{sent / elapsed.TotalSeconds:N0} records/s, batch latency p50 {Percentile(all, 0.50):0.0} ms, p99 {Percentile(all, 0.99):0.0} ms, max {all[^1]:0.0} ms; "
            + $"CPU {cpu.TotalSeconds:0.0} s for server and client together ({sent / cpu.TotalSeconds:N0} records per CPU-second); "
            + $"GC pauses {paused.TotalMilliseconds:N0} ms ({gen2} gen2); answered from the journal {app.Services.GetRequiredService<CollectorMetrics>().JournalAnsweredBatches:N0} batches; failed batches {failed}; stored {stored} (expected {acknowledged.Sum()}); per endpoint: {perEndpoint}";
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Postgres run: no files.
        }

        return result;
    }

    private static long ReadVarint(ReadOnlySpan<byte> bytes)
    {
        long value = 0;
        for (var i = 0; i < bytes.Length && i < 10; i++)
        {
            value |= (long)(bytes[i] & 0x7F) << (7 * i);
            if ((bytes[i] & 0x80) == 0)
            {
                break;
            }
        }

        return value;
    }

    /// <summary>Posts one batch; returns how many of its records the server acknowledged as stored (an OTLP <c>partialSuccess</c> subtracts its rejected ones).</summary>
    private static async Task<long> SendAsync(HttpClient client, BenchEndpoint endpoint, byte[] body, int records, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(endpoint.ContentType);
        using var response = await client.PostAsync(new Uri(endpoint.Path, UriKind.Relative), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return 0;
        }

        if (endpoint != BenchEndpoint.Otlp && endpoint != BenchEndpoint.OtlpProtobuf)
        {
            return records;
        }

        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (endpoint == BenchEndpoint.OtlpProtobuf)
        {
            // ExportLogsServiceResponse { ExportLogsPartialSuccess partial_success = 1 { int64 rejected_log_records = 1; } }
            return answer.Length >= 4 && answer[0] == 0x0A && answer[2] == 0x08 ? records - ReadVarint(answer.AsSpan(3)) : records;
        }

        using var json = JsonDocument.Parse(answer.Length == 0 ? "{}"u8.ToArray() : answer);
        return json.RootElement.TryGetProperty("partialSuccess", out var partial)
            && partial.TryGetProperty("rejectedLogRecords", out var rejected)
            ? records - (rejected.ValueKind == JsonValueKind.String ? long.Parse(rejected.GetString()!, CultureInfo.InvariantCulture) : rejected.GetInt64())
            : records;
    }

    /// <summary>Stored records per endpoint of the mix, told apart by the source kind each endpoint's records carry.</summary>
    private static async Task<long[]> CountByEndpointAsync(ServerStore store, IReadOnlyList<BenchEndpoint> endpoints, CancellationToken cancellationToken)
    {
        var counts = new long[endpoints.Count];
        for (var e = 0; e < endpoints.Count; e++)
        {
            await foreach (var _ in store.Usage.ReadUsageForReportAsync(new UsageFilter { SourceKinds = [endpoints[e].SourceKind] }, cancellationToken))
            {
                counts[e]++;
            }
        }

        return counts;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
