namespace Receipts.Sources.Tests.Anthropic;

/// <summary>Admin API answers in the documented shapes (reference §1.2–1.6), with made-up ids and numbers.</summary>
internal static class AnthropicFixtures
{
    public const string Workspaces = """
        {"data":[{"id":"wrkspc_01XyZ","type":"workspace","name":"Payments","display_color":"#6C5BB9","created_at":"2025-10-01T00:00:00Z","archived_at":null,"tags":{"team":"payments","project":"checkout"}}],
         "first_id":"wrkspc_01XyZ","last_id":"wrkspc_01XyZ","has_more":false}
        """;

    public const string ApiKeysPage1 = """
        {"data":[
          {"id":"apikey_01AbCdEf","type":"api_key","name":"checkout-service-prod","workspace_id":"wrkspc_01XyZ","created_at":"2025-11-04T10:12:00Z","created_by":{"id":"user_01Qwe","type":"user"},"partial_key_hint":"sk-ant-api03-Ab1...9xYz","status":"active","expires_at":null},
          {"id":"apikey_01Second","type":"api_key","name":"ci-bot","workspace_id":null,"created_at":"2025-11-05T10:12:00Z","created_by":{"id":"user_01Qwe","type":"user"},"partial_key_hint":"sk-ant-api03-Cd2...8wXy","status":"active","expires_at":null}],
         "first_id":"apikey_01AbCdEf","last_id":"apikey_01Second","has_more":true}
        """;

    public const string ApiKeysPage2 = """
        {"data":[{"id":"apikey_01Third","type":"api_key","name":"old-key","workspace_id":"wrkspc_01XyZ","created_at":"2025-01-01T00:00:00Z","created_by":{"id":"user_01Qwe","type":"user"},"partial_key_hint":"sk-ant-api03-Ef3...7vWu","status":"archived","expires_at":null}],
         "first_id":"apikey_01Third","last_id":"apikey_01Third","has_more":false}
        """;

    public const string UsagePage1 = """
        {"data":[{"starting_at":"2026-03-02T00:00:00Z","ending_at":"2026-03-03T00:00:00Z","results":[
          {"api_key_id":"apikey_01AbCdEf","workspace_id":"wrkspc_01XyZ","model":"claude-sonnet-4-5-20250929","service_tier":"standard","context_window":"0-200k","inference_geo":null,
           "uncached_input_tokens":120400,"cache_read_input_tokens":880000,"cache_creation":{"ephemeral_5m_input_tokens":30500,"ephemeral_1h_input_tokens":0},"output_tokens":41200,"server_tool_use":{"web_search_requests":3}},
          {"api_key_id":null,"workspace_id":null,"model":"claude-haiku-4-5-20251001","service_tier":"batch","context_window":"0-200k","inference_geo":null,
           "uncached_input_tokens":5000,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":700},"output_tokens":900,"server_tool_use":{"web_search_requests":0}}]}],
         "has_more":true,"next_page":"page_MjAyNi0wMy0wMlQwMDowMDowMFo="}
        """;

    public const string UsageEmptyPage = """
        {"data":[],"has_more":true,"next_page":"page_Mw=="}
        """;

    public const string UsagePage3 = """
        {"data":[{"starting_at":"2026-03-03T00:00:00Z","ending_at":"2026-03-04T00:00:00Z","results":[
          {"api_key_id":"apikey_01AbCdEf","workspace_id":"wrkspc_01XyZ","model":"claude-sonnet-4-5-20250929","service_tier":"standard","context_window":"200k-1M","inference_geo":null,
           "uncached_input_tokens":250000,"cache_read_input_tokens":10,"cache_creation":{"ephemeral_5m_input_tokens":1,"ephemeral_1h_input_tokens":2},"output_tokens":3000,"server_tool_use":{"web_search_requests":0}}]}],
         "has_more":false,"next_page":null}
        """;

    public const string Costs = """
        {"data":[{"starting_at":"2026-03-02T00:00:00Z","ending_at":"2026-03-03T00:00:00Z","results":[
          {"amount":"3612.0","currency":"USD","workspace_id":"wrkspc_01XyZ","description":"Claude Sonnet 4.5 Usage - Input Tokens","cost_type":"tokens","model":"claude-sonnet-4-5-20250929","token_type":"uncached_input_tokens","service_tier":"standard","context_window":"0-200k"},
          {"amount":"123.78912","currency":"USD","workspace_id":"wrkspc_01XyZ","description":"Claude Sonnet 4.5 Usage - Output Tokens","cost_type":"tokens","model":"claude-sonnet-4-5-20250929","token_type":"output_tokens","service_tier":"standard","context_window":"0-200k"},
          {"amount":"3.0","currency":"USD","workspace_id":null,"description":"Web Search","cost_type":"web_search","model":null,"token_type":null,"service_tier":null,"context_window":null}]},
         {"starting_at":"2026-03-03T00:00:00Z","ending_at":"2026-03-04T00:00:00Z","results":[]}],
         "has_more":false,"next_page":null}
        """;

    public const string ClaudeCodeDay1 = """
        {"data":[{"date":"2026-03-02T00:00:00Z","organization_id":"0b1e6c0e-0000-4000-8000-000000000001",
          "actor":{"type":"user_actor","email_address":"dev@example.com"},"customer_type":"api","subscription_type":null,"terminal_type":"iTerm.app",
          "core_metrics":{"num_sessions":4,"lines_of_code":{"added":210,"removed":35},"commits_by_claude_code":3,"pull_requests_by_claude_code":1},
          "tool_actions":{"edit_tool":{"accepted":18,"rejected":2}},
          "model_breakdown":[{"model":"claude-sonnet-4-5-20250929","tokens":{"input":30500,"output":9100,"cache_read":402000,"cache_creation":12000},"estimated_cost":{"amount":119,"currency":"USD"}},
                             {"model":"claude-haiku-4-5-20251001","tokens":{"input":100,"output":50,"cache_read":0,"cache_creation":0},"estimated_cost":{"amount":0.5,"currency":"USD"}}]},
         {"date":"2026-03-02","organization_id":"0b1e6c0e-0000-4000-8000-000000000001",
          "actor":{"type":"api_actor","api_key_name":"ci-bot"},"customer_type":"api","subscription_type":null,"terminal_type":"linux",
          "core_metrics":{"num_sessions":1,"lines_of_code":{"added":1,"removed":0},"commits_by_claude_code":0,"pull_requests_by_claude_code":0},
          "tool_actions":{},
          "model_breakdown":[{"model":"claude-sonnet-4-5-20250929","tokens":{"input":10,"output":20,"cache_read":30,"cache_creation":40},"estimated_cost":{"amount":7,"currency":"USD"}}]}],
         "has_more":false,"next_page":null}
        """;

    public const string ClaudeCodeEmpty = """
        {"data":[],"has_more":false,"next_page":null}
        """;
}
