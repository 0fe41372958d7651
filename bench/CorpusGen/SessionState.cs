namespace Receipts.Bench.CorpusGen;

/// <summary>What one conversation (a session or a subagent) carries from one request to the next.</summary>
internal sealed class SessionState
{
    public required string Model { get; set; }

    public required string Cwd { get; init; }

    public required long NowMs { get; set; }

    /// <summary>Tokens in the cached prompt: the next request reads them back.</summary>
    public required long ContextTokens { get; set; }

    /// <summary>Tokens added since the last request (tool results, the prompt): the next request writes them.</summary>
    public long PendingWrite { get; set; }

    public bool UsesOneHourCache { get; init; }

    public bool CacheBreakdown { get; init; }

    /// <summary>Sonnet 4.5 or Opus 4.6 with the 1M window: the prompt may pass 200k tokens.</summary>
    public bool LongContext { get; init; }

    /// <summary>Older builds: flat <c>agent-&lt;8 hex&gt;.jsonl</c> subagent files next to the sessions.</summary>
    public bool LegacyLayout { get; init; }

    /// <summary>Subagents do not spawn subagents here.</summary>
    public bool AllowsTasks { get; init; }
}
