using Receipts.Domain.Outcomes;

namespace Receipts.Cli.Demo;

/// <summary>What the demo generator wrote, and the truth it knows (for checking the numbers independently).</summary>
internal sealed record DemoManifest
{
    public required string Root { get; init; }

    public required string ConfigPath { get; init; }

    /// <summary>One Claude Code config dir per developer, <c>&lt;root&gt;/&lt;person&gt;/projects/…</c>, as each laptop has its own.</summary>
    public required string ClaudeRoot { get; init; }

    /// <summary>Local repository paths with their project.</summary>
    public required IReadOnlyList<(string Path, string Project)> Repos { get; init; }

    public required IReadOnlyList<TicketEvent> TicketEvents { get; init; }

    /// <summary>Message id of every generated response → the project it was really for (null: for nothing known).</summary>
    public required IReadOnlyDictionary<string, string?> Truth { get; init; }

    /// <summary>Every merged change the generator made, with the disqualifiers it planted.</summary>
    public required IReadOnlyList<DemoChange> Changes { get; init; }
}
