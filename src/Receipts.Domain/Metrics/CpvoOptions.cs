namespace Receipts.Domain.Metrics;

/// <summary>How the CPVO report is cut.</summary>
public sealed record CpvoOptions
{
    /// <summary>Group rows by team or by project. Default: team.</summary>
    public CpvoGrouping GroupBy { get; init; } = CpvoGrouping.Team;

    /// <summary>Reporting time zone for ISO weeks. Default: UTC.</summary>
    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The last week shown (the week of as-of).</summary>
    public required IsoWeek LastWeek { get; init; }

    /// <summary>How many weeks, ending with <see cref="LastWeek"/>. Default 8.</summary>
    public int Weeks { get; init; } = 8;

    /// <summary>Projects left out of both sides (research, prototypes).</summary>
    public IReadOnlySet<string> Cordoned { get; init; } = new HashSet<string>();

    /// <summary>Release-cadence band per team; teams are compared only inside their band.</summary>
    public IReadOnlyDictionary<string, string> BandOfTeam { get; init; } = new Dictionary<string, string>();

    /// <summary>Team of each project (to band project rows).</summary>
    public IReadOnlyDictionary<string, string> TeamOfProject { get; init; } = new Dictionary<string, string>();

    /// <summary>Fewer verified outcomes than this in a quarter makes a trend "not enough data". Default 3.</summary>
    public int MinimumVerifiedForTrend { get; init; } = 3;
}
