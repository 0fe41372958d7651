namespace Receipts.Sources.OpenAi;

/// <summary>One <c>/organization/usage/{Name}</c> endpoint and the dimensions it can be grouped by.</summary>
public sealed record OpenAiUsageEndpoint(string Name, string GroupBy)
{
    /// <summary>
    /// The usage endpoints read by default. <c>file_search_calls</c> and <c>web_search_calls</c> are left out
    /// until their group-by dimensions are verified against a live API.
    /// </summary>
    public static IReadOnlyList<OpenAiUsageEndpoint> Defaults { get; } =
    [
        new("completions", "project_id,user_id,api_key_id,model,batch,service_tier"),
        new("embeddings", "project_id,user_id,api_key_id,model"),
        new("moderations", "project_id,user_id,api_key_id,model"),
        new("images", "project_id,user_id,api_key_id,model"),
        new("audio_speeches", "project_id,user_id,api_key_id,model"),
        new("audio_transcriptions", "project_id,user_id,api_key_id,model"),
        new("vector_stores", "project_id"),
        new("code_interpreter_sessions", "project_id"),
    ];
}
