using Receipts.Domain.Alerts;
using Receipts.Domain.Budgets;
using Receipts.Domain.Outcomes;

namespace Receipts.Domain.Directory;

/// <summary>
/// The directory read from <c>receipts.yaml</c>: teams, projects and the outcome rules.
/// Later issues add people, key aliases, ticket prefixes and budgets here.
/// </summary>
public sealed record DirectoryConfig
{
    public static DirectoryConfig Empty { get; } = new();

    /// <summary>The file it came from, when any.</summary>
    public string? Path { get; init; }

    public IReadOnlyDictionary<string, TeamConfig> Teams { get; init; } = new Dictionary<string, TeamConfig>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ProjectConfig> Projects { get; init; } = new Dictionary<string, ProjectConfig>(StringComparer.Ordinal);

    public OutcomeRules Outcomes { get; init; } = OutcomeRules.Default;

    /// <summary>IANA zone for ISO weeks in reports; null: the machine's zone.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Reporting currency. Default USD.</summary>
    public string Currency { get; init; } = "USD";

    public IReadOnlyDictionary<string, PersonConfig> People { get; init; } = new Dictionary<string, PersonConfig>(StringComparer.Ordinal);

    public IReadOnlyList<SeatConfig> Seats { get; init; } = [];

    /// <summary>The <c>budgets:</c> section; budgets set with <c>receipts budget set</c> live in the store.</summary>
    public IReadOnlyList<Budget> Budgets { get; init; } = [];

    /// <summary>The <c>alerts:</c> section: channels, production keys, anomaly thresholds.</summary>
    public AlertsConfig Alerts { get; init; } = AlertsConfig.Empty;
    /// <summary>The sources <c>receipts sync</c> runs (<c>sources:</c>), in file order.</summary>
    public IReadOnlyList<SourceConfig> Sources { get; init; } = [];

    /// <summary>The project listing <paramref name="repo"/>, when one does (first by name when several do).</summary>
    public ProjectConfig? ProjectForRepo(string repo)
    {
        var normalized = RepoName.Normalize(repo);
        return Projects.Values
            .Where(p => p.Repos.Any(r => string.Equals(r, normalized, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>The team owning <paramref name="repo"/> through its project, when known.</summary>
    public string? TeamForRepo(string repo) => ProjectForRepo(repo)?.Team;
}
