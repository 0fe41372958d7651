using Microsoft.AspNetCore.Http;
using Receipts.Domain.Billing;
using Receipts.Domain.Usage;
using Receipts.Sources.Anthropic;
using Receipts.Sources.Billing.Http;
using Receipts.Sources.Tests.Billing;
using F = Receipts.Sources.Tests.Anthropic.AnthropicFixtures;

namespace Receipts.Sources.Tests.Anthropic;

public sealed class AnthropicBillingImporterTests
{
    private static readonly DateOnly Since = new(2026, 3, 2);
    private static readonly DateOnly Until = new(2026, 3, 4);

    /// <summary>The documented API, with a 429 (Retry-After: 7) before the cost report and a 500 before the first Claude Code day.</summary>
    private sealed class Api
    {
        private int _costCalls;
        private int _claudeCodeCalls;

        public string? MalformedUsagePage { get; init; }

        public string Costs { get; set; } = F.Costs;

        public async Task HandleAsync(HttpContext context)
        {
            var path = context.Request.Path.Value!;
            var query = context.Request.Query;
            if (context.Request.Headers["x-api-key"] != "sk-ant-admin01-test" || context.Request.Headers["anthropic-version"] != "2023-06-01")
            {
                await FakeApiServer.JsonAsync(context, """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}""", 401);
                return;
            }

            switch (path)
            {
                case "/v1/organizations/workspaces":
                    await FakeApiServer.JsonAsync(context, F.Workspaces);
                    break;
                case "/v1/organizations/api_keys":
                    await FakeApiServer.JsonAsync(context, query["after_id"] == "apikey_01Second" ? F.ApiKeysPage2 : F.ApiKeysPage1);
                    break;
                case "/v1/organizations/usage_report/messages":
                    await FakeApiServer.JsonAsync(context, query["page"].ToString() switch
                    {
                        "" => F.UsagePage1,
                        "page_MjAyNi0wMy0wMlQwMDowMDowMFo=" => MalformedUsagePage ?? F.UsageEmptyPage,
                        _ => F.UsagePage3,
                    });
                    break;
                case "/v1/organizations/cost_report":
                    if (Interlocked.Increment(ref _costCalls) == 1)
                    {
                        context.Response.Headers.RetryAfter = "7";
                        await FakeApiServer.JsonAsync(context, """{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}""", 429);
                        return;
                    }

                    await FakeApiServer.JsonAsync(context, Costs);
                    break;
                case "/v1/organizations/usage_report/claude_code" when query["starting_at"] == "2026-03-02":
                    if (Interlocked.Increment(ref _claudeCodeCalls) == 1)
                    {
                        await FakeApiServer.JsonAsync(context, """{"type":"error","error":{"type":"api_error","message":"internal"}}""", 500);
                        return;
                    }

                    await FakeApiServer.JsonAsync(context, F.ClaudeCodeDay1);
                    break;
                case "/v1/organizations/usage_report/claude_code":
                    await FakeApiServer.JsonAsync(context, F.ClaudeCodeEmpty);
                    break;
                default:
                    context.Response.StatusCode = 404;
                    break;
            }
        }
    }

    private static (AnthropicBillingImporter Importer, BillingApiClient Client) Importer(FakeApiServer server, TempBillingStore temp, RecordingTimeProvider time, string key = "sk-ant-admin01-test")
    {
        var client = AnthropicAdminApi.Create(new BillingApiOptions
        {
            BaseUrl = server.BaseUrl,
            Secret = key,
            SecretName = "ANTHROPIC_ADMIN_KEY",
            Time = time,
        });
        return (new AnthropicBillingImporter(client, temp.Store, time), client);
    }

    private static RecordingTimeProvider Clock() => new(new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Import_AllReports_StoresUsageCostsAndClaudeCodeWithMoneyInDollars()
    {
        var api = new Api();
        await using var server = await FakeApiServer.StartAsync(api.HandleAsync);
        await using var temp = await TempBillingStore.CreateAsync();
        var time = Clock();
        var (importer, client) = Importer(server, temp, time);
        using var _ = client;

        var summary = await importer.ImportAsync(Since, Until, CancellationToken.None);

        var lines = await temp.Store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).ToListAsync();
        var usage = lines.Where(l => l.Dataset == "usage_report").ToList();
        usage.Count.ShouldBe(3); // page 1 (2 rows), an empty page, page 3 (1 row)
        usage.Aggregate(TokenCounts.Zero, (t, l) => t + l.Tokens).ShouldBe(new TokenCounts(120400 + 5000 + 250000, 41200 + 900 + 3000, 880000 + 10, 30500 + 1, 700 + 2));
        usage.ShouldAllBe(l => l.Amount == null && l.Basis == CostBasis.Unknown);
        var keyed = usage.First(l => l.IdentityId == "apikey_01AbCdEf");
        keyed.IdentityKind.ShouldBe(BillingIdentityKind.ApiKey);
        keyed.IdentityAlias.ShouldBe("checkout-service-prod");
        keyed.GroupId.ShouldBe("wrkspc_01XyZ");
        keyed.Attributes["web_search_requests"].ShouldBe("3");
        var console = usage.Single(l => l.Model == "claude-haiku-4-5-20251001");
        (console.IdentityKind, console.IdentityId, console.ServiceTier).ShouldBe((BillingIdentityKind.Workspace, "default", "batch"));

        var costs = lines.Where(l => l.Dataset == "cost_report").ToList();
        costs.Select(l => l.Amount).ShouldBe([36.12m, 1.2378912m, 0.03m], ignoreOrder: true); // cents strings / 100, exactly
        costs.ShouldAllBe(l => l.Basis == CostBasis.Billed && l.Currency == "USD");
        costs.Single(l => l.Sku == "output_tokens").IdentityAlias.ShouldBe("Payments");
        costs.Single(l => l.Sku == "web_search").IdentityId.ShouldBe("default");
        summary.Billed["USD"].ShouldBe(36.12m + 1.2378912m + 0.03m);

        var code = lines.Where(l => l.Dataset == "claude_code").ToList();
        code.Count.ShouldBe(3);
        code.Where(l => l.IdentityId == "dev@example.com").Sum(l => l.Amount).ShouldBe(1.195m); // 119 + 0.5 cents
        code.ShouldAllBe(l => l.Basis == CostBasis.Estimated);
        var bot = code.Single(l => l.IdentityKind == BillingIdentityKind.ApiKey);
        (bot.IdentityId, bot.Amount, bot.Tokens.CacheWrite).ShouldBe(("ci-bot", 0.07m, 40L));

        var identities = await temp.Store.ReadBillingIdentitiesAsync("anthropic", CancellationToken.None);
        identities.Count.ShouldBe(4);
        identities.Single(i => i.Kind == BillingIdentityKind.Workspace).Tags["team"].ShouldBe("payments");
        identities.Single(i => i.Id == "apikey_01Second").ParentId.ShouldBe("default");

        time.Delays.ShouldContain(TimeSpan.FromSeconds(7)); // Retry-After honoured
        time.Delays.Count.ShouldBe(2); // and one backoff for the 500
        server.Requests.Count(r => r.StartsWith("/v1/organizations/cost_report", StringComparison.Ordinal)).ShouldBe(2);
        server.Requests.ShouldContain(r => r.Contains("group_by[]=api_key_id", StringComparison.Ordinal) || r.Contains("group_by%5B%5D=api_key_id", StringComparison.Ordinal));
        server.Requests.Count(r => r.StartsWith("/v1/organizations/usage_report/claude_code", StringComparison.Ordinal)).ShouldBe(3); // 2 days + 1 retry
    }

    [Fact]
    public async Task Import_SamePeriodAgain_ReplacesInsteadOfAdding()
    {
        var api = new Api();
        await using var server = await FakeApiServer.StartAsync(api.HandleAsync);
        await using var temp = await TempBillingStore.CreateAsync();
        var (importer, client) = Importer(server, temp, Clock());
        using var _ = client;
        await importer.ImportAsync(Since, Until, CancellationToken.None);
        var first = await temp.Store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).ToListAsync();
        api.Costs = F.Costs.Replace("\"3612.0\"", "\"3700.5\"", StringComparison.Ordinal); // the provider revised a day

        var again = await importer.ImportAsync(new DateOnly(2026, 3, 1), Until, CancellationToken.None); // overlapping, wider window

        var second = await temp.Store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).ToListAsync();
        second.Count.ShouldBe(first.Count);
        second.Select(l => l.Id).Order().ShouldBe(first.Select(l => l.Id).Order());
        second.Where(l => l.Dataset == "cost_report").Sum(l => l.Amount).ShouldBe(37.005m + 1.2378912m + 0.03m);
        again.Replaced.ShouldBe(first.Count);
    }

    [Fact]
    public async Task Import_MalformedPage_SaysSoAndKeepsWhatWasStored()
    {
        await using var temp = await TempBillingStore.CreateAsync();
        await using (var good = await FakeApiServer.StartAsync(new Api().HandleAsync))
        {
            var (first, client) = Importer(good, temp, Clock());
            using var _ = client;
            await first.ImportAsync(Since, Until, CancellationToken.None);
        }

        var before = await temp.Store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).ToListAsync();
        await using var server = await FakeApiServer.StartAsync(new Api { MalformedUsagePage = """{"data":[{"starting_at":"2026-03""" }.HandleAsync);
        var (importer, client2) = Importer(server, temp, Clock());
        using var __ = client2;

        var error = await Should.ThrowAsync<BillingApiException>(() => importer.ImportAsync(Since, Until, CancellationToken.None));

        error.Message.ShouldContain("malformed JSON");
        error.Message.ShouldContain("/v1/organizations/usage_report/messages");
        var after = await temp.Store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).ToListAsync();
        after.Select(l => (l.Id, l.Amount, l.Tokens)).ShouldBe(before.Select(l => (l.Id, l.Amount, l.Tokens)), ignoreOrder: true);
    }

    [Fact]
    public async Task Import_PageWithoutData_IsAnErrorNotAnEmptyImport()
    {
        await using var server = await FakeApiServer.StartAsync(new Api { MalformedUsagePage = """{"results":[]}""" }.HandleAsync);
        await using var temp = await TempBillingStore.CreateAsync();
        var (importer, client) = Importer(server, temp, Clock());
        using var _ = client;

        var error = await Should.ThrowAsync<BillingApiException>(() => importer.ImportAsync(Since, Until, CancellationToken.None));

        error.Message.ShouldContain("usage report, page 2");
        (await temp.Store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Import_RefusedKey_NamesTheVariableAndNeverTheKey()
    {
        await using var server = await FakeApiServer.StartAsync(new Api().HandleAsync);
        await using var temp = await TempBillingStore.CreateAsync();
        var (importer, client) = Importer(server, temp, Clock(), key: "sk-ant-admin01-WRONG");
        using var _ = client;

        var error = await Should.ThrowAsync<BillingApiException>(() => importer.ImportAsync(Since, Until, CancellationToken.None));

        error.Message.ShouldContain("401");
        error.Message.ShouldContain("ANTHROPIC_ADMIN_KEY");
        error.Message.ShouldNotContain("WRONG");
        (error.Hint ?? string.Empty).ShouldNotContain("WRONG");
        server.Requests.Count.ShouldBe(1); // 401 is not retried
    }

    [Fact]
    public async Task Import_WithoutSince_StartsFromTheCursorMinusTheLookBack()
    {
        var api = new Api();
        await using var server = await FakeApiServer.StartAsync(api.HandleAsync);
        await using var temp = await TempBillingStore.CreateAsync();
        var (importer, client) = Importer(server, temp, Clock());
        using var _ = client;
        await importer.ImportAsync(Since, Until, CancellationToken.None);

        var second = await importer.ImportAsync(null, null, CancellationToken.None);

        second.From.ShouldBe(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)); // cursor 03-04 minus 3 days
        second.Until.ShouldBe(new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero)); // end of "today" (03-04)
    }
}
