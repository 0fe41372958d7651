using System.Text.Json;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Billing.Http;
using Receipts.Sources.LiteLlm;
using Receipts.Sources.Tests.Billing;
using Receipts.Sources.Tests.Gateways;

namespace Receipts.Sources.Tests.LiteLlm;

public sealed class LiteLlmDatabaseImporterTests
{
    private const string Content =
        """'[{"role":"user","content":"SECRET PROMPT"}]'::jsonb, '{"choices":[{"message":{"content":"SECRET ANSWER"} }]}'::jsonb, '{"body":"SECRET BODY"}'::jsonb""";

    private static string Insert(string id, string start, string spend, int prompt, int completion, string metadata, string tags, string user = "alice@example.com") =>
        $"""
        INSERT INTO "LiteLLM_SpendLogs" (request_id, call_type, api_key, spend, total_tokens, prompt_tokens, completion_tokens, "startTime", "endTime",
            model, model_group, custom_llm_provider, api_base, "user", metadata, cache_hit, request_tags, team_id, end_user, messages, response, proxy_server_request, session_id)
        VALUES ('{id}', 'acompletion', '88dc28d0f030c55ed4ab77ed8faf0981', {spend}, {prompt + completion}, {prompt}, {completion}, '{start}', '{start}',
            'claude-sonnet-4-5-20250929', 'sonnet', 'anthropic', 'https://api.anthropic.com/v1/messages', '{user}', '{metadata}'::jsonb, 'False', '{tags}'::jsonb,
            'e8d1460f-846c-45d7-9b43-55f3cc52ac32', 'customer-42', {Content}, 'sess-1');
        """;

    private const string Metadata =
        """{"user_api_key_alias":"checkout-service-prod","user_api_key_team_alias":"payments","user_api_key_user_id":"alice@example.com","spend_logs_metadata":{"feature":"refunds"},"additional_usage_values":{"cache_read_input_tokens":1200,"cache_creation_input_tokens":0}}""";

    private static async Task SeedAsync(LiteLlmDatabase db)
    {
        await db.ExecuteAsync(
            Insert("chatcmpl-1", "2026-03-02 10:15:03.120", "0.0042", 1600, 230, Metadata, """["project:checkout","env:prod"]""")
            + Insert("chatcmpl-2", "2026-03-02 10:15:03.120", "0.1", 100, 50, "{}", "[]", user: "")
            + Insert("chatcmpl-3", "2026-03-02 11:00:00.000", "0.3", 100, 50, """{"user_api_key_alias":"search-batch"}""", """["nightly"]""")
            + Insert("chatcmpl-0", "2026-02-20 09:00:00.000", "5", 100, 50, "{}", "[]"));
    }

    [PostgresFact]
    public async Task Import_RealTable_ReadsRowsInBatchesWithAliasTeamTagsAndDollars()
    {
        await using var db = await LiteLlmDatabase.CreateAsync();
        await SeedAsync(db);
        await using var temp = await TempBillingStore.CreateAsync();
        var importer = new LiteLlmDatabaseImporter(db.ConnectionString, temp.Store, Clients.Clock()) { BatchSize = 2 };

        var summary = await importer.ImportAsync(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);

        var records = await temp.Store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
        records.Select(r => r.RequestId).ShouldBe(["chatcmpl-1", "chatcmpl-2", "chatcmpl-3"], ignoreOrder: true); // chatcmpl-0 is before --since
        var first = records.Single(r => r.RequestId == "chatcmpl-1");
        (first.SourceKind, first.Provider, first.ApiKeyAlias, first.Person, first.Cost, first.CostBasis).ShouldBe(("litellm", "anthropic", "checkout-service-prod", "alice@example.com", 0.0042m, CostBasis.Estimated));
        first.Tokens.ShouldBe(new TokenCounts(400, 230, 1200, 0, 0));
        (first.Tags["team"], first.Tags["project"], first.Tags["env"], first.Tags["feature"], first.Tags["end_user"]).ShouldBe(("payments", "checkout", "prod", "refunds", "customer-42"));
        records.Single(r => r.RequestId == "chatcmpl-2").Person.ShouldBeNull(); // Prisma's '' default is not a person
        records.Single(r => r.RequestId == "chatcmpl-3").Tags["tag:nightly"].ShouldBe("true");
        records.Sum(r => r.Cost).ShouldBe(0.4042m); // exact: spend is read as text, never through double
        summary.Requests.ShouldBe(2); // two batches of 2: (2 rows, then 1)
        JsonSerializer.Serialize(records).ShouldNotContain("SECRET");
    }

    [PostgresFact]
    public async Task Import_Again_ReadsOnlyNewRowsAndNeverAddsTwice()
    {
        await using var db = await LiteLlmDatabase.CreateAsync();
        await SeedAsync(db);
        await using var temp = await TempBillingStore.CreateAsync();
        var importer = new LiteLlmDatabaseImporter(db.ConnectionString, temp.Store, Clients.Clock());
        await importer.ImportAsync(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);
        await db.ExecuteAsync(Insert("chatcmpl-4", "2026-03-03 08:00:00.000", "0.25", 10, 10, "{}", "[]"));

        var again = await importer.ImportAsync(null, CancellationToken.None);

        again.TotalRows.ShouldBe(2); // the last row at the cursor's instant again (same id, replaced) and the new one
        (await temp.Store.CountUsageAsync(CancellationToken.None)).ShouldBe(4);
        (await temp.Store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync()).Sum(r => r.Cost).ShouldBe(0.6542m);
    }

    [PostgresFact]
    public async Task Import_DatabaseWithoutTheTable_SaysWhatIsWrong()
    {
        await using var db = await LiteLlmDatabase.CreateAsync();
        await db.ExecuteAsync("""DROP TABLE "LiteLLM_SpendLogs" """);
        await using var temp = await TempBillingStore.CreateAsync();

        var error = await Should.ThrowAsync<BillingApiException>(() => new LiteLlmDatabaseImporter(db.ConnectionString, temp.Store, Clients.Clock()).ImportAsync(null, CancellationToken.None));

        error.Message.ShouldContain("LiteLLM_SpendLogs");
        (await temp.Store.CountUsageAsync(CancellationToken.None)).ShouldBe(0);
    }
}
