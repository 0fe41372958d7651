namespace Receipts.Domain.Attribution;

/// <summary>A project of the directory, with everything that can point a record at it.</summary>
public sealed record ProjectDefinition
{
    public required string Name { get; init; }

    public required string Team { get; init; }

    /// <summary>Normalised repositories (<c>github.com/acme/payments</c>).</summary>
    public IReadOnlyList<string> Repos { get; init; } = [];

    /// <summary>API key aliases or ids (LiteLLM virtual keys, Anthropic key names…).</summary>
    public IReadOnlyList<string> KeyAliases { get; init; } = [];

    /// <summary>Ticket prefixes such as <c>PAY</c>.</summary>
    public IReadOnlyList<string> TicketPrefixes { get; init; } = [];

    /// <summary>Path globs matched against the working directory: <c>~/src/payments/**</c>, <c>**/payments-api/**</c>.</summary>
    public IReadOnlyList<string> PathGlobs { get; init; } = [];

    /// <summary>Tracker project ids (Jira key, Linear team, Asana project gid).</summary>
    public IReadOnlyList<string> TrackerIds { get; init; } = [];

    /// <summary>Research or prototype work: left out of both sides of CPVO, its share reported.</summary>
    public bool Cordon { get; init; }
}
