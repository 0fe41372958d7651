using Receipts.Domain.Attribution;
using Receipts.Domain.Directory;

namespace Receipts.Domain.Pipeline;

/// <summary>The directory file seen by attribution and the reports: indexes, cordon, bands, teams of projects.</summary>
public sealed class DirectoryView
{
    public DirectoryView(DirectoryConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        Attribution = new AttributionDirectory(
            config.Projects.Values.Select(p => new ProjectDefinition
            {
                Name = p.Name,
                Team = p.Team,
                Repos = p.Repos,
                KeyAliases = p.KeyAliases,
                TicketPrefixes = p.TicketPrefixes,
                PathGlobs = p.Paths,
                TrackerIds = p.Trackers,
                Cordon = p.Cordon,
            }),
            config.People.Values.Select(p => new PersonDefinition { Name = p.Name, Team = p.Team, Aliases = [.. p.AllAliases] }),
            config.Teams.Values.Select(t => new TeamDefinition { Name = t.Name, DefaultProject = t.DefaultProject }));
        Cordoned = config.Projects.Values.Where(p => p.Cordon).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        BandOfTeam = config.Teams.Values.Where(t => t.Cadence is not null).ToDictionary(t => t.Name, t => t.Cadence!, StringComparer.Ordinal);
        TeamOfProject = config.Projects.Values.ToDictionary(p => p.Name, p => p.Team, StringComparer.Ordinal);
        Zone = config.TimeZone is { } zone ? TimeZoneInfo.FindSystemTimeZoneById(zone) : null;
    }

    public DirectoryConfig Config { get; }

    public AttributionDirectory Attribution { get; }

    public IReadOnlySet<string> Cordoned { get; }

    public IReadOnlyDictionary<string, string> BandOfTeam { get; }

    public IReadOnlyDictionary<string, string> TeamOfProject { get; }

    /// <summary>The file's reporting zone; null when it names none.</summary>
    public TimeZoneInfo? Zone { get; }

    /// <summary>The directory name of whoever a record or seat names (email, account, machine user or name).</summary>
    public string? PersonOf(string? alias) => Attribution.Person(alias)?.Name;
}
