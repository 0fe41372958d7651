using Receipts.Domain.Metrics;

namespace Receipts.Domain.Storage;

/// <summary>One pipeline run's output, as the derived tables store it.</summary>
public sealed record DerivedFacts
{
    public required DateTimeOffset ComputedAt { get; init; }

    public required DateTimeOffset AsOf { get; init; }

    /// <summary>Start of the first week of spend written.</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>The reporting zone the ISO weeks are taken in.</summary>
    public required TimeZoneInfo Zone { get; init; }

    public required IReadOnlyList<SpendItem> Spend { get; init; }

    public required IReadOnlyList<ChangeOutcome> Changes { get; init; }

    /// <summary>Cordoned projects (research, prototypes): flagged in the rows, left out of the CPVO view.</summary>
    public IReadOnlySet<string> Cordoned { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Dollars linked to each change (repo, id), when its spend could be linked.</summary>
    public IReadOnlyDictionary<(string Repo, string Id), decimal> ChangeCosts { get; init; } = new Dictionary<(string, string), decimal>();

    public IsoWeek WeekOf(DateTimeOffset instant) => IsoWeek.Of(instant, Zone);

    public bool IsCordoned(string? project) => project is not null && Cordoned.Contains(project);

    /// <summary>The status as the views spell it: <c>verified</c>, <c>pending</c>, <c>disqualified</c>.</summary>
    public static string StatusText(OutcomeStatus status) => status switch
    {
        OutcomeStatus.Verified => "verified",
        OutcomeStatus.Disqualified => "disqualified",
        _ => "pending",
    };
}
