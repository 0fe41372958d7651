using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Receipts.Domain.Storage;
using Receipts.Domain.Tokens;
using Receipts.Server.Storage;
using Receipts.Storage.Contract.Tests;

namespace Receipts.Server.Tests;

/// <summary>
/// Invariant 7, the hard way: kill -9 `receipts serve` in the middle of a stream of batches. Every batch that got
/// a 2xx is in the store, and retrying the others on a restarted server does not double count.
/// </summary>
public abstract class KillContract
{
    private const int Batches = 120;
    private const int PerBatch = 50;
    private const int KillAfterAcks = 30;

    protected abstract Task<string> PrepareStoreAsync();

    /// <summary>More arguments for <c>receipts serve</c>.</summary>
    protected virtual string[] ServerArguments => [];

    [StoreFact]
    public async Task KillDashNine_MidStream_AckedBatchesAreStored_AndRetriesDoNotDoubleCount()
    {
        var spec = await PrepareStoreAsync();
        var token = TokenSecret.Generate();
        await using (var store = await OpenAsync(spec))
        {
            await store.Tokens.CreateTokenAsync(new ApiToken { Name = "load", Hash = TokenSecret.Hash(token), Scope = TokenScope.Ingest, CreatedAt = TimeProvider.System.GetUtcNow() }, CancellationToken.None);
        }

        var acked = new ConcurrentDictionary<int, bool>();
        var first = await ChildServer.StartAsync(spec, ServerArguments);
        using (first)
        using (var client = Client(first.Address, token))
        {
            var next = -1;
            var killed = 0;
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                int batch;
                while ((batch = Interlocked.Increment(ref next)) < Batches && Volatile.Read(ref killed) == 0)
                {
                    if (await TrySendAsync(client, batch))
                    {
                        acked[batch] = true;
                        if (acked.Count >= KillAfterAcks && Interlocked.Exchange(ref killed, 1) == 0)
                        {
                            first.KillHard();
                        }
                    }
                }
            })));
        }

        acked.Count.ShouldBeGreaterThanOrEqualTo(KillAfterAcks);
        acked.Count.ShouldBeLessThan(Batches, "the kill must land mid-stream");

        using (var second = await ChildServer.StartAsync(spec, ServerArguments))
        using (var client = Client(second.Address, token))
        {
            foreach (var batch in Enumerable.Range(0, Batches).Where(b => !acked.ContainsKey(b)))
            {
                (await TrySendAsync(client, batch)).ShouldBeTrue($"retry of batch {batch} after the restart; server said: {second.Stderr}");
            }

            // A replay of an acknowledged batch is harmless too.
            (await TrySendAsync(client, acked.Keys.First())).ShouldBeTrue();
        }

        await using var check = await OpenAsync(spec);
        var records = await check.Usage.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
        records.Count.ShouldBe(Batches * PerBatch);
        records.Select(r => r.Id).Distinct().Count().ShouldBe(Batches * PerBatch);
        records.Sum(r => r.Tokens.Output).ShouldBe(Enumerable.Range(0, Batches * PerBatch).Sum(i => (long)(i % 97)));
        var ids = records.Select(r => r.Id).ToHashSet();
        foreach (var batch in acked.Keys)
        {
            ids.ShouldContain(Id(batch, 0));
            ids.ShouldContain(Id(batch, PerBatch - 1));
        }
    }

    private static Task<ServerStore> OpenAsync(string spec) =>
        ServerStore.OpenAsync(StoreSpec.TryParse(spec, out _)!, TimeProvider.System, CancellationToken.None);

    private static HttpClient Client(Uri address, string token)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string Id(int batch, int record) => $"kill-{batch}-{record}";

    private static async Task<bool> TrySendAsync(HttpClient client, int batch)
    {
        var body = Usage.Batch(Enumerable.Range(0, PerBatch).Select(r => Usage.Record(Id(batch, r), output: ((batch * PerBatch) + r) % 97)));
        try
        {
            using var response = await client.PostAsync(new Uri("/v1/usage", UriKind.Relative), Usage.Json(body));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
