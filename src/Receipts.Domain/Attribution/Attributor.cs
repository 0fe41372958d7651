using Receipts.Domain.Usage;

namespace Receipts.Domain.Attribution;

/// <summary>
/// Places each usage record by the ordered rules of DESIGN.md: the first rule that applies wins; any
/// other rule at or above <see cref="DisagreementThreshold"/> that points at a different project makes
/// the record a disagreement, kept with both candidates. Pure and deterministic: the same records,
/// directory and corrections always give the same result.
/// </summary>
public sealed class Attributor
{
    /// <summary>Default confidences, by rule.</summary>
    public static decimal ConfidenceOf(AttributionMethod method) => method switch
    {
        AttributionMethod.Correction => 1.0m,
        AttributionMethod.Tag => 0.95m,
        AttributionMethod.KeyAlias => 0.9m,
        AttributionMethod.Repo => 0.85m,
        AttributionMethod.Ticket => 0.8m,
        AttributionMethod.Path => 0.7m,
        AttributionMethod.PersonDefault => 0.5m,
        AttributionMethod.Seat => 0.8m,
        _ => 0m,
    };

    private static readonly string[] ProjectTagKeys = ["project", "Helicone-Property-Project", "helicone-property-project", "project.name"];
    private static readonly string[] TeamTagKeys = ["team", "tenant.id", "Helicone-Property-Team", "helicone-property-team"];

    private readonly AttributionDirectory _directory;
    private readonly CorrectionIndex _corrections;

    public Attributor(AttributionDirectory directory, IEnumerable<Correction> corrections, decimal disagreementThreshold = 0.8m)
    {
        ArgumentNullException.ThrowIfNull(directory);
        _directory = directory;
        _corrections = new CorrectionIndex(corrections);
        DisagreementThreshold = disagreementThreshold;
    }

    /// <summary>A rule at or above this confidence that disagrees with the winner makes a disagreement. Default 0.8.</summary>
    public decimal DisagreementThreshold { get; }

    public AttributionResult Attribute(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_corrections.Find(record) is { } correction)
        {
            return new AttributionResult(correction.Project, TeamOf(correction.Project), AttributionMethod.Correction, 1.0m, []);
        }

        var candidates = Candidates(record);
        if (candidates.Count == 0)
        {
            var team = TeamFromTags(record) ?? _directory.Person(record.Person ?? record.Account ?? record.MachineUser)?.Team;
            return team is null ? AttributionResult.Unattributed : AttributionResult.Unattributed with { Team = team };
        }

        var winner = candidates[0];
        var conflicts = candidates
            .Skip(1)
            .Where(c => c.Confidence >= DisagreementThreshold && !string.Equals(c.Project, winner.Project, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(c => c.Project, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new AttributionResult(winner.Project, TeamOf(winner.Project), winner.Method, winner.Confidence, conflicts);
    }

    private List<AttributionCandidate> Candidates(UsageRecord r)
    {
        var list = new List<AttributionCandidate>(4);
        void Add(string? project, AttributionMethod method)
        {
            if (project is not null && _directory.Project(project) is { } known)
            {
                list.Add(new AttributionCandidate(known.Name, method, ConfidenceOf(method)));
            }
        }

        foreach (var key in ProjectTagKeys)
        {
            if (r.Tags.TryGetValue(key, out var tagged))
            {
                Add(tagged, AttributionMethod.Tag);
                break;
            }
        }

        if (list.Count == 0 && TeamFromTags(r) is { } team)
        {
            Add(_directory.DefaultProjectOfTeam(team), AttributionMethod.Tag);
        }

        Add(_directory.ProjectOfKey(r.ApiKeyAlias) ?? _directory.ProjectOfKey(r.ApiKeyId), AttributionMethod.KeyAlias);
        Add(_directory.ProjectOfRepo(r.Repo), AttributionMethod.Repo);
        foreach (var ticket in r.TicketIds)
        {
            if (_directory.ProjectOfTicket(ticket) is { } p)
            {
                Add(p, AttributionMethod.Ticket);
                break;
            }
        }

        Add(_directory.ProjectOfPath(r.Cwd), AttributionMethod.Path);
        if ((_directory.Person(r.Person) ?? _directory.Person(r.Account) ?? _directory.Person(r.MachineUser)) is { } person)
        {
            Add(_directory.DefaultProjectOfTeam(person.Team), AttributionMethod.PersonDefault);
        }

        return list;
    }

    private string? TeamFromTags(UsageRecord r)
    {
        foreach (var key in TeamTagKeys)
        {
            if (r.Tags.TryGetValue(key, out var team) && _directory.IsTeam(team))
            {
                return team;
            }
        }

        return null;
    }

    private string? TeamOf(string project) => _directory.Project(project)?.Team;
}
