namespace Receipts.Domain.Directory;

/// <summary>A project in the directory (<c>projects:</c> in <c>receipts.yaml</c>).</summary>
public sealed record ProjectConfig
{
    public required string Name { get; init; }

    /// <summary>The owning team; always a key of <see cref="DirectoryConfig.Teams"/>.</summary>
    public required string Team { get; init; }

    /// <summary>Repositories, normalised by <see cref="RepoName.Normalize"/> (<c>github.com/acme/payments</c>).</summary>
    public IReadOnlyList<string> Repos { get; init; } = [];

    /// <summary>API key aliases or ids that belong to this project alone.</summary>
    public IReadOnlyList<string> KeyAliases { get; init; } = [];

    /// <summary>Ticket prefixes (<c>PAY</c> for <c>PAY-123</c>).</summary>
    public IReadOnlyList<string> TicketPrefixes { get; init; } = [];

    /// <summary>Working-directory globs (<c>~/src/payments/**</c>).</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>Tracker project ids (<c>jira:PAY</c>, <c>linear:ENG</c>, <c>asana:1203…</c>).</summary>
    public IReadOnlyList<string> Trackers { get; init; } = [];

    /// <summary>Research or prototype: left out of both sides of CPVO. Default false.</summary>
    public bool Cordon { get; init; }
}
