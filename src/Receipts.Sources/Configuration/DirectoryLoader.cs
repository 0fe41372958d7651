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
/// teams:
///   payments: { window_days: 14 }
/// projects:
///   payments-api: { team: payments, repos: [github.com/acme/payments] }
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
        var teams = ReadTeams(root.Map("teams"));
        var projects = ReadProjects(root.Map("projects"), teams);

        // Sections later issues add (people, budgets, sources…) are read by their own code; until then
        // a typo at the top level is still reported.
        root.RejectUnknown();
        return new DirectoryConfig { Path = path, Teams = teams, Projects = projects, Outcomes = rules };
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
            teams[name] = new TeamConfig { Name = name, WindowDays = team?.Int("window_days", 0, MaxWindowDays) };
            team?.RejectUnknown();
        }

        return teams;
    }

    private static Dictionary<string, ProjectConfig> ReadProjects(YamlMap? map, Dictionary<string, TeamConfig> teams)
    {
        var projects = new Dictionary<string, ProjectConfig>(StringComparer.Ordinal);
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
            project.RejectUnknown();
            projects[name] = new ProjectConfig { Name = name, Team = team, Repos = repos };
        }

        return projects;
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
