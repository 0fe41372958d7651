using Receipts.Domain.Directory;
using Receipts.Domain.Outcomes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Receipts.Sources.Configuration;

/// <summary>
/// Reads the directory file <c>receipts.yaml</c>:
/// <code>
/// outcomes:            # optional
///   window_days: 14    # default window for teams that set none
///   hotfix_pattern: hotfix
///   hotfix_hours: 72
///   area_depth: 0      # 0 = same file; N = same directory prefix of N segments
/// timezone: Europe/London  # ISO weeks of reports; default: the machine's zone
/// currency: USD
/// teams:
///   payments: { window_days: 14, cadence: weekly, default_project: payments-api }
/// people:
///   sarah: { team: payments, emails: [sarah@acme.com], accounts: [...], machine_users: [sarah], aliases: [...] }
/// projects:
///   payments-api:
///     team: payments
///     repos: [github.com/acme/payments]
///     key_aliases: [payments-prod]
///     ticket_prefixes: [PAY]
///     paths: ["~/src/payments/**"]
///     trackers: [jira:PAY]
///     cordon: false          # true for research/prototype work
/// seats:
///   - { tool: claude-max, person: sarah, monthly_cost: 200, from: 2026-01-01, to: null }
/// budgets:   # and alerts: — see AlertsSection
///   - { team: payments, monthly: 5000 }
/// sources:             # what `receipts sync` runs; see SourcesSection for every kind and its fields
///   - { kind: anthropic, key_env: ANTHROPIC_ADMIN_KEY }
///   - { kind: github, repo: acme/payments }
/// </code>
/// A wrong file gets one <see cref="DirectoryFileException"/> naming the line and the field.
/// </summary>
public static class DirectoryLoader
{
    public const int MaxWindowDays = 3650;

    public static async Task<DirectoryConfig> LoadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DirectoryFileException($"Cannot read {path}: {e.Message}", e);
        }

        return Parse(text, path);
    }

    public static DirectoryConfig Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new DirectoryFileException(path, (int)e.Start.Line, "(syntax)", FirstLine(e.InnerException?.Message ?? e.Message));
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return DirectoryConfig.Empty with { Path = path };
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode rootNode)
        {
            throw new DirectoryFileException(path, (int)stream.Documents[0].RootNode.Start.Line, "(root)", "expected a mapping with teams: and projects:");
        }

        var root = new YamlMap(rootNode, path, string.Empty);
        var rules = ReadRules(root.Map("outcomes"));
        var zone = root.String("timezone");
        if (zone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            throw root.Error(root.LineOf("timezone"), "timezone", $"unknown time zone '{zone}': use an IANA name such as Europe/London or UTC");
        }

        var currency = root.String("currency") ?? "USD";
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            throw root.Error(root.LineOf("currency"), "currency", $"'{currency}' is not a three-letter ISO currency code such as USD");
        }

        var teams = ReadTeams(root.Map("teams"));
        var people = ReadPeople(root.Map("people"), teams);
        var projects = ReadProjects(root.Map("projects"), teams);
        CheckTeamDefaults(root.Map("teams"), teams, projects);
        var seats = ReadSeats(root, people);
        var (budgets, alerts) = (AlertsSection.ReadBudgets(root, teams, projects, people), AlertsSection.ReadAlerts(root.Map("alerts")));
        var sources = SourcesSection.Read(root);

        // Sections later issues add (budgets, sources…) are read by their own code; until then
        // a typo at the top level is still reported.
        root.RejectUnknown();
        return new DirectoryConfig
        {
            Path = path,
            Teams = teams,
            Projects = projects,
            Outcomes = rules,
            TimeZone = zone,
            Currency = currency,
            People = people,
            Seats = seats,
            Budgets = budgets,
            Alerts = alerts,
            Sources = sources,
        };
    }

    private static OutcomeRules ReadRules(YamlMap? map)
    {
        if (map is null)
        {
            return OutcomeRules.Default;
        }

        var rules = OutcomeRules.Default;
        rules = rules with
        {
            DefaultWindowDays = map.Int("window_days", 0, MaxWindowDays) ?? rules.DefaultWindowDays,
            HotfixHours = map.Int("hotfix_hours", 0, 24 * 365) ?? rules.HotfixHours,
            AreaDepth = map.Int("area_depth", 0, 64) ?? rules.AreaDepth,
        };
        if (map.String("hotfix_pattern") is { } pattern)
        {
            try
            {
                _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw map.Error(map.LineOf("hotfix_pattern"), map.Dotted("hotfix_pattern"), "not a valid regular expression: " + e.Message);
            }

            rules = rules with { HotfixPattern = pattern };
        }

        map.RejectUnknown();
        return rules;
    }

    private static Dictionary<string, TeamConfig> ReadTeams(YamlMap? map)
    {
        var teams = new Dictionary<string, TeamConfig>(StringComparer.Ordinal);
        if (map is null)
        {
            return teams;
        }

        foreach (var (name, value, _) in map.Entries().ToList())
        {
            var team = value is YamlScalarNode { Value: null or "" or "~" } ? null : map.AsMap(value, name);
            teams[name] = new TeamConfig
            {
                Name = name,
                WindowDays = team?.Int("window_days", 0, MaxWindowDays),
                Cadence = team?.String("cadence"),
                DefaultProject = team?.String("default_project"),
            };
            team?.RejectUnknown();
        }

        return teams;
    }

    private static Dictionary<string, ProjectConfig> ReadProjects(YamlMap? map, Dictionary<string, TeamConfig> teams)
    {
        var projects = new Dictionary<string, ProjectConfig>(StringComparer.Ordinal);
        var claimed = new Dictionary<(string Field, string Value), string>();
        if (map is null)
        {
            return projects;
        }

        foreach (var (name, value, line) in map.Entries().ToList())
        {
            var project = map.AsMap(value, name);
            var team = project.String("team") ?? throw project.Error(line, project.Dotted("team"), "missing: every project names its team");
            var teamLine = project.LineOf("team");
            if (!teams.ContainsKey(team))
            {
                var known = teams.Count == 0 ? "none are defined under teams:" : "known teams: " + string.Join(", ", teams.Keys.Order(StringComparer.Ordinal));
                throw project.Error(teamLine, project.Dotted("team"), $"unknown team '{team}' ({known})");
            }

            var repos = project.StringList("repos").Select(RepoName.Normalize).ToList();
            var config = new ProjectConfig
            {
                Name = name,
                Team = team,
                Repos = repos,
                KeyAliases = project.StringList("key_aliases"),
                TicketPrefixes = project.StringList("ticket_prefixes"),
                Paths = project.StringList("paths"),
                Trackers = project.StringList("trackers"),
                Cordon = project.Bool("cordon") ?? false,
            };
            project.RejectUnknown();
            foreach (var (field, values) in new[] { ("repos", config.Repos), ("key_aliases", config.KeyAliases), ("ticket_prefixes", config.TicketPrefixes) })
            {
                foreach (var item in values)
                {
                    if (!claimed.TryAdd((field, item.ToUpperInvariant()), name))
                    {
                        throw project.Error(project.LineOf(field), project.Dotted(field), $"'{item}' already belongs to project '{claimed[(field, item.ToUpperInvariant())]}': each belongs to one project");
                    }
                }
            }

            projects[name] = config;
        }

        return projects;
    }

    private static Dictionary<string, PersonConfig> ReadPeople(YamlMap? map, Dictionary<string, TeamConfig> teams)
    {
        var people = new Dictionary<string, PersonConfig>(StringComparer.Ordinal);
        if (map is null)
        {
            return people;
        }

        foreach (var (name, value, line) in map.Entries().ToList())
        {
            var person = map.AsMap(value, name);
            var team = person.String("team") ?? throw person.Error(line, person.Dotted("team"), "missing: every person names their team");
            if (!teams.ContainsKey(team))
            {
                throw person.Error(person.LineOf("team"), person.Dotted("team"), $"unknown team '{team}' (known teams: {string.Join(", ", teams.Keys.Order(StringComparer.Ordinal))})");
            }

            people[name] = new PersonConfig
            {
                Name = name,
                Team = team,
                Emails = person.StringList("emails"),
                Accounts = person.StringList("accounts"),
                MachineUsers = person.StringList("machine_users"),
                Aliases = person.StringList("aliases"),
            };
            person.RejectUnknown();
        }

        return people;
    }

    private static void CheckTeamDefaults(YamlMap? map, Dictionary<string, TeamConfig> teams, Dictionary<string, ProjectConfig> projects)
    {
        foreach (var team in teams.Values)
        {
            if (team.DefaultProject is { } project && !projects.ContainsKey(project))
            {
                var teamMap = map!.AsMap(map.Entries().First(e => e.Key == team.Name).Value, team.Name);
                throw teamMap.Error(teamMap.LineOf("default_project"), teamMap.Dotted("default_project"), $"unknown project '{project}'");
            }
        }
    }

    private static List<SeatConfig> ReadSeats(YamlMap root, Dictionary<string, PersonConfig> people)
    {
        var seats = new List<SeatConfig>();
        foreach (var seat in root.MapList("seats"))
        {
            var tool = seat.String("tool") ?? throw seat.Error(seat.Line, seat.Dotted("tool"), "missing: which tool the seat is for (claude-max, copilot, cursor…)");
            var person = seat.String("person") ?? throw seat.Error(seat.Line, seat.Dotted("person"), "missing: whose seat it is");
            if (!people.ContainsKey(person))
            {
                throw seat.Error(seat.LineOf("person"), seat.Dotted("person"), $"unknown person '{person}': add them under people:");
            }

            var cost = seat.Decimal("monthly_cost", 0m) ?? throw seat.Error(seat.Line, seat.Dotted("monthly_cost"), "missing: the seat's monthly cost");
            var from = seat.Date("from") ?? throw seat.Error(seat.Line, seat.Dotted("from"), "missing: the first day the seat is paid for");
            var to = seat.Date("to");
            if (to < from)
            {
                throw seat.Error(seat.LineOf("to"), seat.Dotted("to"), "ends before it starts");
            }

            seat.RejectUnknown();
            seats.Add(new SeatConfig(tool, person, cost, from, to));
        }

        return seats;
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
