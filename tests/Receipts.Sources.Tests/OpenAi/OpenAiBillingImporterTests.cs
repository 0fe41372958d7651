using Microsoft.AspNetCore.Http;
using Receipts.Domain.Billing;
using Receipts.Domain.Usage;
using Receipts.Sources.Billing.Http;
using Receipts.Sources.OpenAi;
using Receipts.Sources.Tests.Billing;
using F = Receipts.Sources.Tests.OpenAi.OpenAiFixtures;

namespace Receipts.Sources.Tests.OpenAi;

public sealed class OpenAiBillingImporterTests
{
    private static readonly DateOnly Since = new(2026, 3, 2);
    private static readonly DateOnly Until = new(2026, 3, 4);

    /// <summary>The documented API under <c>/v1</c>, with a 429 (Retry-After: 3) and a 502 before the completions usage.</summary>
    private sealed class Api
    {
        private int _completionCalls;

        public string CostsPage2 { get; init; } = F.CostsPage2;

        public async Task HandleAsync(HttpContext context)
        {
            if (context.Request.Headers.Authorization != "Bearer sk-admin-test")
            {
                await FakeApiServer.JsonAsync(context, """{"error":{"message":"Incorrect API key provided","type":"invalid_request_error"}}""", 401);
                return;
            }

            var query = context.Request.Query;
            switch (context.Request.Path.Value)
            {
                case "/v1/organization/projects":
                    await FakeApiServer.JsonAsync(context, F.Projects);
                    break;
                case "/v1/organization/projects/proj_AbC123/api_keys":
                    await FakeApiServer.JsonAsync(context, F.CheckoutKeys);
                    break;
                case "/v1/organization/projects/proj_Old/api_keys":
                    await FakeApiServer.JsonAsync(context, F.NoKeys);
                    break;
                case "/v1/organization/costs":
                    await FakeApiServer.JsonAsync(context, query.ContainsKey("page") ? CostsPage2 : F.CostsPage1);
                    break;
                case "/v1/organization/usage/completions":
                    switch (Interlocked.Increment(ref _completionCalls))
                    {
                        case 1:
                            context.Response.Headers.RetryAfter = "3";
                            await FakeApiServer.JsonAsync(context, """{"error":{"message":"Rate limit reached","type":"requests"}}""", 429);
                            return;
                        case 2:
                            await FakeApiServer.JsonAsync(context, "<html>bad gateway</html>", 502);
                            return;
                        default:
                            await FakeApiServer.JsonAsync(context, F.Completions);
                            return;
                    }

                case "/v1/organization/usage/embeddings":
                    await FakeApiServer.JsonAsync(context, F.EmptyUsage);
                    break;
                default:
                    context.Response.StatusCode = 404;
                    break;
            }
        }
    }

    private static (OpenAiBillingImporter Importer, BillingApiClient Client) Importer(FakeApiServer server, TempBillingStore temp, RecordingTimeProvider time, string key = "sk-admin-test")
    {
        var client = OpenAiAdminApi.Create(new BillingApiOptions
        {
            BaseUrl = new Uri(server.BaseUrl, "/v1"),
            Secret = key,
            SecretName = "OPENAI_ADMIN_KEY",
            Time = time,
        });
        var importer = new OpenAiBillingImporter(client, temp.Store, time)
        {
            UsageEndpoints = [new("completions", "project_id,user_id,api_key_id,model,batch,service_tier"), new("embeddings", "project_id,user_id,api_key_id,model")],
        };
        return (importer, client);
    }

    private static RecordingTimeProvider Clock() => new(new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Import_CostsUsageAndKeys_StoresDollarsTokensAndTheDirectory()
    {
        await using var server = await FakeApiServer.StartAsync(new Api().HandleAsync);
        await using var temp = await TempBillingStore.CreateAsync();
        var time = Clock();
        var (importer, client) = Importer(server, temp, time);
        using var _ = client;

        var summary = await importer.ImportAsync(Since, Until, CancellationToken.None);

        var lines = await temp.Store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).ToListAsync();
        var costs = lines.Where(l => l.Dataset == "costs").ToList();
        costs.Select(l => l.Amount).ShouldBe([14.2731m, 0.0000012345m, 0.5m], ignoreOrder: true); // dollars, number or string
        costs.ShouldAllBe(l => l.Basis == CostBasis.Billed && l.Currency == "USD" && l.Provider == "openai");
        var input = costs.Single(l => l.Sku == "gpt-5-2025-08-07, input");
        (input.Model, input.IdentityKind, input.IdentityId, input.IdentityAlias, input.Quantity, input.Unit)
            .ShouldBe(("gpt-5-2025-08-07", BillingIdentityKind.Project, "proj_AbC123", "Checkout", 11418480m, "tokens"));
        costs.Single(l => l.Sku == "web search tool calls").Model.ShouldBeNull();
        summary.Billed["USD"].ShouldBe(14.2731m + 0.0000012345m + 0.5m);

        var usage = lines.Where(l => l.Dataset == "usage.completions").ToList();
        usage.Count.ShouldBe(2);
        var worker = usage.Single(l => l.IdentityId == "key_9sT");
        (worker.Tokens, worker.Requests, worker.IdentityAlias, worker.GroupId, worker.ServiceTier)
            .ShouldBe((new TokenCounts(70000, 12000, 180000, 0, 0), 140L, "billing-worker", "proj_AbC123", "default"));
        var dev = usage.Single(l => l.IdentityId == "key_dev");
        dev.Tokens.ShouldBe(new TokenCounts(1000 - 100 - 50, 10, 100, 50, 0)); // no input_uncached_tokens: derived
        (dev.ServiceTier, dev.Attributes["user_id"]).ShouldBe(("batch", "user_1"));
        lines.Count(l => l.Dataset == "usage.embeddings").ShouldBe(0);

        var identities = await temp.Store.ReadBillingIdentitiesAsync("openai", CancellationToken.None);
        identities.Count.ShouldBe(4);
        identities.Single(i => i.Id == "key_dev").Tags["owner"].ShouldBe("sarah@example.com");
        identities.Single(i => i.Id == "key_9sT").ParentId.ShouldBe("proj_AbC123");

        time.Delays.ShouldContain(TimeSpan.FromSeconds(3));
        time.Delays.Count.ShouldBe(2); // Retry-After for the 429, backoff for the 502
        server.Requests.ShouldContain(r => r.StartsWith("/v1/organization/costs?start_time=1772409600&end_time=1772582400", StringComparison.Ordinal));
        server.Requests.Count(r => r.StartsWith("/v1/organization/costs", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public async Task Import_OverlappingPeriodAgain_ChangesNothing()
    {
        await using var server = await FakeApiServer.StartAsync(new Api().HandleAsync);
        await using var temp = await TempBillingStore.CreateAsync();
        var (importer, client) = Importer(server, temp, Clock());
        using var _ = client;
        await importer.ImportAsync(Since, Until, CancellationToken.None);
        var first = await temp.Store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).ToListAsync();

        await importer.ImportAsync(new DateOnly(2026, 3, 3), Until, CancellationToken.None);
        await importer.ImportAsync(Since, Until, CancellationToken.None);

        var second = await temp.Store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).ToListAsync();
        second.Select(l => (l.Id, l.Amount, l.Tokens)).ShouldBe(first.Select(l => (l.Id, l.Amount, l.Tokens)), ignoreOrder: true);
    }

    [Fact]
    public async Task Import_MalformedCostRow_SaysWhereAndWritesNothing()
    {
        await using var server = await FakeApiServer.StartAsync(new Api { CostsPage2 = F.CostsPage2.Replace("\"value\":0.5", "\"value\":\"half\"", StringComparison.Ordinal) }.HandleAsync);
        await using var temp = await TempBillingStore.CreateAsync();
        var (importer, client) = Importer(server, temp, Clock());
        using var _ = client;

        var error = await Should.ThrowAsync<BillingApiException>(() => importer.ImportAsync(Since, Until, CancellationToken.None));

        error.Message.ShouldContain("costs, page 2");
        (await temp.Store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).CountAsync()).ShouldBe(0);
        (await temp.Store.ReadBillingIdentitiesAsync(null, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Import_RefusedKey_NamesTheVariable()
    {
        await using var server = await FakeApiServer.StartAsync(new Api().HandleAsync);
        await using var temp = await TempBillingStore.CreateAsync();
        var (importer, client) = Importer(server, temp, Clock(), key: "sk-admin-nope");
        using var _ = client;

        var error = await Should.ThrowAsync<BillingApiException>(() => importer.ImportAsync(Since, Until, CancellationToken.None));

        error.Message.ShouldContain("OPENAI_ADMIN_KEY");
        error.Message.ShouldContain("Incorrect API key provided");
        error.Message.ShouldNotContain("nope");
    }
}
