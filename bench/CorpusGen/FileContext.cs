namespace Receipts.Bench.CorpusGen;

/// <summary>The envelope fields every line of one transcript file repeats.</summary>
/// <param name="CacheBreakdown">Whether usage carries <c>cache_creation.ephemeral_5m/1h</c> (newer builds).</param>
internal sealed record FileContext(
    string SessionId,
    string Cwd,
    string GitBranch,
    string Version,
    bool IsSidechain,
    string? AgentId,
    bool CacheBreakdown);
