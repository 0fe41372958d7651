namespace Receipts.Domain.Attribution;

/// <summary>A team as attribution needs it: its name and the project its people's unplaced usage defaults to.</summary>
public sealed record TeamDefinition
{
    public required string Name { get; init; }

    /// <summary>The project for the person's-team-default rule; null: the team's first project.</summary>
    public string? DefaultProject { get; init; }
}
