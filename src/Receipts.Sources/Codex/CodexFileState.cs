namespace Receipts.Sources.Codex;

/// <summary>
/// What a Codex session file said so far, carried in its cursor so appended events are read in context:
/// the session, its working directory and git facts, the current model, the last cumulative totals, and whether
/// the file is still replaying a parent session's history.
/// </summary>
internal sealed record CodexFileState
{
    public string? SessionId { get; set; }

    public string? Cwd { get; set; }

    public string? Branch { get; set; }

    public string? RepositoryUrl { get; set; }

    public string? CliVersion { get; set; }

    public string? Model { get; set; }

    public long TotalInput { get; set; }

    public long TotalCached { get; set; }

    public long TotalOutput { get; set; }

    /// <summary>True once the file's first <c>session_meta</c> was read: a later one is a replayed parent's and changes nothing.</summary>
    public bool SessionMetaSeen { get; set; }

    /// <summary>The session this one was forked or spawned from (<c>forked_from_id</c>, or a subagent's <c>parent_thread_id</c>).</summary>
    public string? ParentSession { get; set; }

    /// <summary>
    /// A child session's file opens with a replay of its parent's history, token counts included, written in one burst
    /// when the file is created. Counts stamped before this instant are that replay: they move the baseline totals and
    /// count nothing (the parent's own file counts them). Null when the file is no child, or once its own turn began.
    /// </summary>
    public DateTimeOffset? ReplayUntil { get; set; }
}
