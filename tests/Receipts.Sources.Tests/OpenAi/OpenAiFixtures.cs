namespace Receipts.Sources.Tests.OpenAi;

/// <summary>Admin API answers in the documented shapes (reference §2), with made-up ids and numbers.</summary>
internal static class OpenAiFixtures
{
    // 2026-03-02T00:00:00Z = 1772409600, 2026-03-03 = 1772496000, 2026-03-04 = 1772582400
    public const string Projects = """
        {"object":"list","data":[
          {"id":"proj_AbC123","object":"organization.project","name":"Checkout","created_at":1761990000,"archived_at":null,"status":"active"},
          {"id":"proj_Old","object":"organization.project","name":"Legacy","created_at":1700000000,"archived_at":1760000000,"status":"archived"}],
         "first_id":"proj_AbC123","last_id":"proj_Old","has_more":false}
        """;

    public const string CheckoutKeys = """
        {"object":"list","data":[
          {"object":"organization.project.api_key","id":"key_9sT","name":"billing-worker","redacted_value":"sk-proj-...Q2w","created_at":1761990000,"last_used_at":1772480000,"owner_project_access":"active",
           "owner":{"type":"service_account","service_account":{"id":"svc_acct_7","name":"billing-worker","created_at":1761990000,"role":"member"}}},
          {"object":"organization.project.api_key","id":"key_dev","name":"sarah-laptop","redacted_value":"sk-proj-...a1b","created_at":1761990000,"last_used_at":1772480000,"owner_project_access":"active",
           "owner":{"type":"user","user":{"id":"user_1","email":"sarah@example.com","name":"Sarah","created_at":1761990000,"role":"owner"}}}],
         "first_id":"key_9sT","last_id":"key_dev","has_more":false}
        """;

    public const string NoKeys = """
        {"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false}
        """;

    public const string CostsPage1 = """
        {"object":"page","data":[{"object":"bucket","start_time":1772409600,"end_time":1772496000,"results":[
          {"object":"organization.costs.result","amount":{"value":14.2731,"currency":"usd"},"line_item":"gpt-5-2025-08-07, input","project_id":"proj_AbC123","api_key_id":null,"quantity":11418480,"quantity_unit":"tokens"},
          {"object":"organization.costs.result","amount":{"value":"0.0000012345","currency":"usd"},"line_item":"gpt-5-2025-08-07, cached input","project_id":"proj_AbC123","api_key_id":null,"quantity":9876,"quantity_unit":"tokens"}]}],
         "has_more":true,"next_page":"page_AAAAAGdGxdEiJdKOAAAAAGcqsYA="}
        """;

    public const string CostsPage2 = """
        {"object":"page","data":[{"object":"bucket","start_time":1772496000,"end_time":1772582400,"results":[
          {"object":"organization.costs.result","amount":{"value":0.5,"currency":"usd"},"line_item":"web search tool calls","project_id":"proj_Old","api_key_id":null,"quantity":null,"quantity_unit":null}]}],
         "has_more":false,"next_page":null}
        """;

    public const string Completions = """
        {"object":"page","data":[{"object":"bucket","start_time":1772409600,"end_time":1772496000,"results":[
          {"object":"organization.usage.completions.result","input_tokens":250000,"input_cached_tokens":180000,"input_cache_write_tokens":0,"input_uncached_tokens":70000,"output_tokens":12000,
           "input_audio_tokens":0,"output_audio_tokens":0,"num_model_requests":140,"project_id":"proj_AbC123","user_id":null,"api_key_id":"key_9sT","model":"gpt-5-mini-2025-08-07","batch":false,"service_tier":"default"},
          {"object":"organization.usage.completions.result","input_tokens":1000,"input_cached_tokens":100,"input_cache_write_tokens":50,"output_tokens":10,
           "num_model_requests":3,"project_id":"proj_AbC123","user_id":"user_1","api_key_id":"key_dev","model":"gpt-5-2025-08-07","batch":true,"service_tier":null}]},
         {"object":"bucket","start_time":1772496000,"end_time":1772582400,"results":[]}],
         "has_more":false,"next_page":null}
        """;

    public const string EmptyUsage = """
        {"object":"page","data":[],"has_more":false,"next_page":null}
        """;
}
