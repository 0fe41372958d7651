namespace Receipts.Sources.Codex;

/// <summary>
/// What a Codex session file said so far, carried in its cursor so appended events are read in context:
/// the session, its working directory and git facts, the current model and the last cumulative totals.
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
}
