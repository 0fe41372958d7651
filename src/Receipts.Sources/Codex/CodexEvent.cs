namespace Receipts.Sources.Codex;

/// <summary>One counted Codex request: the advance of a session's cumulative totals, in Anthropic semantics.</summary>
internal sealed record CodexEvent(
    string Id,
    string File,
    DateTimeOffset At,
    string SessionId,
    string? Model,
    long Input,
    long CacheRead,
    long Output,
    string? Cwd,
    string? Branch,
    string? RepositoryUrl,
    string? CliVersion);
