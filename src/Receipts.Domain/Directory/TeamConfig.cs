namespace Receipts.Domain.Directory;

/// <summary>A team in the directory (<c>teams:</c> in <c>receipts.yaml</c>).</summary>
public sealed record TeamConfig
{
    public required string Name { get; init; }

    /// <summary>The observation window N in days; null means the directory's default (14 unless set).</summary>
    public int? WindowDays { get; init; }

    /// <summary>Release-cadence band (<c>daily</c>, <c>weekly</c>…); teams are compared only inside their band. Null: unbanded.</summary>
    public string? Cadence { get; init; }

    /// <summary>The project a team member's otherwise unplaced usage defaults to; null: the team's first project.</summary>
    public string? DefaultProject { get; init; }
}
