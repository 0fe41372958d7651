namespace Receipts.Domain.Attribution;

/// <summary>
/// The directory's projects, people and teams, indexed for the attribution rules. Lookups are
/// case-insensitive; a repository, key alias or ticket prefix belongs to the first project that names it
/// (the directory loader rejects a file where two projects claim the same one).
/// </summary>
public sealed class AttributionDirectory
{
    private readonly Dictionary<string, ProjectDefinition> _projects = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _byRepo = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _byKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _byTicketPrefix = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(PathGlob Glob, string Project)> _paths = [];
    private readonly Dictionary<string, PersonDefinition> _byAlias = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _teamDefault = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _teams = new(StringComparer.OrdinalIgnoreCase);

    public AttributionDirectory(
        IEnumerable<ProjectDefinition> projects,
        IEnumerable<PersonDefinition> people,
        IEnumerable<TeamDefinition> teams)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(teams);
        foreach (var p in projects)
        {
            _projects.TryAdd(p.Name, p);
            _teams.Add(p.Team);
            foreach (var repo in p.Repos)
            {
                _byRepo.TryAdd(NormaliseRepo(repo), p.Name);
            }

            foreach (var key in p.KeyAliases)
            {
                _byKey.TryAdd(key, p.Name);
            }

            foreach (var prefix in p.TicketPrefixes)
            {
                _byTicketPrefix.TryAdd(prefix, p.Name);
            }

            foreach (var glob in p.PathGlobs)
            {
                _paths.Add((new PathGlob(glob), p.Name));
            }

            _teamDefault.TryAdd(p.Team, p.Name);
        }

        foreach (var t in teams)
        {
            _teams.Add(t.Name);
            if (t.DefaultProject is { } d)
            {
                _teamDefault[t.Name] = d;
            }
        }

        foreach (var person in people)
        {
            _byAlias.TryAdd(person.Name, person);
            foreach (var alias in person.Aliases)
            {
                _byAlias.TryAdd(alias, person);
            }
        }
    }

    public static AttributionDirectory Empty { get; } = new([], [], []);

    public IReadOnlyCollection<ProjectDefinition> Projects => _projects.Values;

    public ProjectDefinition? Project(string name) => _projects.GetValueOrDefault(name);

    public bool IsTeam(string name) => _teams.Contains(name);

    public string? ProjectOfRepo(string? repo) => repo is null ? null : _byRepo.GetValueOrDefault(NormaliseRepo(repo));

    public string? ProjectOfKey(string? keyAliasOrId) => keyAliasOrId is null ? null : _byKey.GetValueOrDefault(keyAliasOrId);

    public string? ProjectOfTicket(string ticketId)
    {
        var dash = ticketId.IndexOf('-', StringComparison.Ordinal);
        return dash <= 0 ? null : _byTicketPrefix.GetValueOrDefault(ticketId[..dash]);
    }

    public string? ProjectOfPath(string? cwd)
    {
        if (string.IsNullOrEmpty(cwd))
        {
            return null;
        }

        foreach (var (glob, project) in _paths)
        {
            if (glob.IsMatch(cwd))
            {
                return project;
            }
        }

        return null;
    }

    public PersonDefinition? Person(string? alias) => alias is null ? null : _byAlias.GetValueOrDefault(alias);

    public string? DefaultProjectOfTeam(string team) => _teamDefault.GetValueOrDefault(team);

    /// <summary><c>https://GitHub.com/Acme/Payments.git</c> and <c>github.com/acme/payments</c> are the same repo.</summary>
    public static string NormaliseRepo(string repo)
    {
        var r = repo.Trim().TrimEnd('/');
        var scheme = r.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            r = r[(scheme + 3)..];
        }

        if (r.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            r = r[..^4];
        }

        return r.ToLowerInvariant();
    }
}
