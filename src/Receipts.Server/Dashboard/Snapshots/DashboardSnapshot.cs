using Receipts.Domain.Metrics;
using Receipts.Domain.Pipeline;
using Receipts.Domain.Reconciliation;
using Receipts.Domain.Usage;

namespace Receipts.Server.Dashboard.Snapshots;

/// <summary>
/// Everything the dashboard shows, computed once in the background from <see cref="CpvoService"/> (the code
/// <c>receipts report cpvo</c> runs) and folded into small aggregates: pages read this, never the store, so a
/// page costs the same with ten records or ten million.
/// </summary>
internal sealed record DashboardSnapshot
{
    public required long Version { get; init; }

    /// <summary>The instant the numbers are as of (the CLI's <c>--as-of</c>).</summary>
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>When the computation finished.</summary>
    public required DateTimeOffset ComputedAt { get; init; }

    public required TimeSpan Took { get; init; }

    public required TimeZoneInfo Zone { get; init; }

    /// <summary>Every ISO week the snapshot holds, oldest first.</summary>
    public required IReadOnlyList<string> Weeks { get; init; }

    /// <summary>The CPVO report by team over <see cref="Weeks"/> with the quarter trend.</summary>
    public required CpvoReport ByTeam { get; init; }

    /// <summary>The same by project.</summary>
    public required CpvoReport ByProject { get; init; }

    /// <summary>Known teams (directory and data) with their cadence band, ordered by band then name.</summary>
    public required IReadOnlyList<TeamInfo> Teams { get; init; }

    public required IReadOnlyDictionary<string, string> TeamOfProject { get; init; }

    public required IReadOnlyList<string> Projects { get; init; }

    /// <summary>Research and prototype projects, left out of both sides of the CPVO.</summary>
    public required IReadOnlySet<string> CordonedProjects { get; init; }

    /// <summary>Spend folded by week, team, project, person, model, tool, key and provider.</summary>
    public required IReadOnlyList<SpendCell> Spend { get; init; }

    public required IReadOnlyList<SessionSummary> Sessions { get; init; }

    /// <summary>Dollars of a session linked to a change (the CPVO report's cost-per-change link).</summary>
    public required IReadOnlyList<SessionLink> Links { get; init; }

    public required IReadOnlyList<ChangeSummary> Changes { get; init; }

    public required IReadOnlyList<CoverageRow> Coverage { get; init; }

    public decimal? CoverageShare { get; init; }

    public required IReadOnlyList<DisagreementItem> Disagreements { get; init; }

    public required IReadOnlyList<(string Identity, decimal Amount, long Records)> UnattributedIdentities { get; init; }

    public required IReadOnlyList<ReconCell> Reconciliation { get; init; }

    public required IReadOnlyList<SeatAllocation> IdleSeats { get; init; }

    public required IReadOnlyList<string> UnpricedModels { get; init; }

    /// <summary>The directory's projects a correction may name.</summary>
    public required IReadOnlyList<string> CorrectableProjects { get; init; }

    internal sealed record TeamInfo(string Name, string? Band);

    internal sealed record SpendCell(
        string Week,
        string? Team,
        string? Project,
        string? Person,
        string Model,
        string? Tool,
        string? Key,
        string? Provider)
    {
        public decimal Spend { get; set; }

        public decimal Estimated { get; set; }

        /// <summary>Dollars of requests over 200k input tokens (long-context rates where the model has them).</summary>
        public decimal LongContext { get; set; }

        public TokenCounts Tokens { get; set; }

        public long Records { get; set; }

        public long Requests { get; set; }
    }

    internal sealed record SessionSummary(string Id, string? Team, string? Project, string? Person, string? Repo, string? Branch, string? Tool)
    {
        public DateTimeOffset First { get; set; }

        public DateTimeOffset Last { get; set; }

        public string Week { get; set; } = string.Empty;

        public decimal Spend { get; set; }

        public TokenCounts Tokens { get; set; }

        public long Records { get; set; }

        public SortedSet<string> Models { get; } = new(StringComparer.Ordinal);
    }

    internal sealed record SessionLink(string SessionId, string ChangeKey, decimal Amount, int Records);

    internal sealed record ChangeSummary(string Key, ChangeOutcome Outcome, string Week, decimal? Cost, int Records);

    /// <param name="BilledObserved">The observed dollars of the cells a bill covers: drift compares only those.</param>
    internal sealed record ReconCell(string Week, string Provider, string Identity, decimal? Billed, decimal BilledObserved, decimal Observed, decimal Attributed, decimal Unattributed, int Records);
}
