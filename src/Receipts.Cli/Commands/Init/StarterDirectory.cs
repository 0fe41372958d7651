using System.Globalization;
using System.Text;
using Receipts.Domain.Attribution;

namespace Receipts.Cli.Commands.Init;

/// <summary>
/// Writes a commented starter <c>receipts.yaml</c> from what the store has seen: one project (and team) per
/// repo, ticket prefixes and key aliases placed with the repo they were seen with most, machine users as people.
/// Everything is a proposal for the user to edit; nothing is invented that the store did not see.
/// </summary>
internal static class StarterDirectory
{
    public static string Write(SeenFacts seen, string zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var projects = ProjectNames(seen);
        var b = new StringBuilder();
        b.AppendLine("# receipts.yaml: who owns what, so spend lands in projects and teams.");
        b.AppendLine(CultureInfo.InvariantCulture, $"# Written by `receipts init` on {now:yyyy-MM-dd} from {seen.UsageRecords:N0} usage records and {seen.Changes:N0} changes in the store.");
        b.AppendLine("# Everything below is a proposal: rename projects, merge teams, move ticket prefixes and key aliases,");
        b.AppendLine("# then check with `receipts report attribution` and `receipts report cpvo`.");
        b.AppendLine();
        b.AppendLine("# ISO weeks of the reports are taken in this zone (an IANA name).");
        b.AppendLine(CultureInfo.InvariantCulture, $"timezone: {Quote(zone)}");
        b.AppendLine("currency: USD");
        b.AppendLine();
        b.AppendLine("outcomes:");
        b.AppendLine("  window_days: 14      # a merged change is verified when nothing reverts, hotfixes or reopens it within this many days");
        b.AppendLine();
        b.AppendLine("# One team per project to start with: merge them into your real teams (a team may own many projects).");
        b.AppendLine("# cadence: (e.g. weekly, daily) groups teams that ship alike in `report cpvo`.");
        b.AppendLine("teams:");
        if (projects.Count == 0)
        {
            b.AppendLine("  platform: {}        # no repos seen yet: import usage and git history, then run `receipts init --force`");
        }

        foreach (var (_, name) in projects)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"  {name}: {{}}");
        }

        var prefixes = Place(seen.TicketPrefixes, projects);
        var keys = Place(seen.KeyAliases, projects);
        b.AppendLine();
        b.AppendLine("# One project per repo seen in usage records and changes. Each repo, key alias and ticket prefix belongs to one project.");
        b.AppendLine("# paths: [\"~/src/name/**\"] places work done outside a git repo; cordon: true leaves research/prototypes out of CPVO.");
        b.AppendLine("projects:");
        if (projects.Count == 0)
        {
            b.AppendLine("  platform:");
            b.AppendLine("    team: platform");
            b.AppendLine("    repos: []");
        }

        foreach (var (repo, name) in projects)
        {
            var (display, uses) = seen.Repos[repo];
            var branches = seen.Branches.GetValueOrDefault(repo)?.Count ?? 0;
            b.AppendLine(CultureInfo.InvariantCulture, $"  {name}:  # seen {uses:N0} times, {branches:N0} branches");
            b.AppendLine(CultureInfo.InvariantCulture, $"    team: {name}");
            b.AppendLine(CultureInfo.InvariantCulture, $"    repos: [{Quote(display)}]");
            var own = prefixes.Where(p => p.Value == repo).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
            if (own.Count > 0)
            {
                b.AppendLine(CultureInfo.InvariantCulture, $"    ticket_prefixes: [{string.Join(", ", own.Select(Quote))}]");
            }

            var ownKeys = keys.Where(p => p.Value == repo).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
            if (ownKeys.Count > 0)
            {
                b.AppendLine(CultureInfo.InvariantCulture, $"    key_aliases: [{string.Join(", ", ownKeys.Select(Quote))}]");
            }

            b.AppendLine("    cordon: false");
        }

        var unplacedPrefixes = seen.TicketPrefixes.Keys.Where(p => !prefixes.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        var unplacedKeys = seen.KeyAliases.Keys.Where(k => !keys.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        if (seen.Paths.Count > 0)
        {
            b.AppendLine("  # Working directories seen outside any git remote: add a glob for each to one project's paths:");
            foreach (var (dir, uses) in seen.Paths.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(20))
            {
                b.AppendLine(CultureInfo.InvariantCulture, $"  #   {dir}  ({uses:N0} records)");
            }
        }

        if (unplacedPrefixes.Count > 0)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"  # Ticket prefixes seen without a repo: add each to one project's ticket_prefixes: {string.Join(", ", unplacedPrefixes)}");
        }

        if (unplacedKeys.Count > 0)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"  # API keys seen without a repo (production services, CI): add each to one project's key_aliases: {string.Join(", ", unplacedKeys)}");
        }

        b.AppendLine();
        b.AppendLine("# Machine users seen in usage records, as people of the team whose repo they used most.");
        b.AppendLine("# Add emails: and accounts: so billing and seats find them too.");
        var people = seen.MachineUsers.Keys.Order(StringComparer.Ordinal).ToList();
        if (people.Count == 0)
        {
            b.AppendLine("people: {}");
        }
        else
        {
            b.AppendLine("people:");
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var user in people)
            {
                var repo = Most(seen.MachineUsers[user]);
                var team = repo is not null && projects.TryGetValue(repo, out var p) ? p : null;
                var name = Unique(Name(user), used);
                b.AppendLine(team is null
                    ? string.Create(CultureInfo.InvariantCulture, $"  # {name}: {{ team: TEAM, machine_users: [{Quote(user)}] }}   # seen only outside repos: name their team")
                    : string.Create(CultureInfo.InvariantCulture, $"  {name}: {{ team: {team}, machine_users: [{Quote(user)}] }}"));
            }
        }

        return b.ToString();
    }

    private static SortedDictionary<string, string> ProjectNames(SeenFacts seen)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var repo in seen.Repos.Keys.Order(StringComparer.Ordinal))
        {
            var last = repo.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "project";
            result[repo] = Unique(Name(last), used);
        }

        return result;
    }

    /// <summary>Each name at the repo it was seen with most (one project each); names seen only without a repo stay unplaced.</summary>
    private static Dictionary<string, string> Place(Dictionary<string, Dictionary<string, long>> seen, SortedDictionary<string, string> projects)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, byRepo) in seen)
        {
            if (Most(byRepo) is { } repo && projects.ContainsKey(repo))
            {
                result[name] = repo;
            }
        }

        return result;
    }

    private static string? Most(Dictionary<string, long> byRepo) => byRepo
        .Where(kv => kv.Key.Length > 0)
        .OrderByDescending(kv => kv.Value)
        .ThenBy(kv => kv.Key, StringComparer.Ordinal)
        .Select(kv => kv.Key)
        .FirstOrDefault();

    /// <summary>A YAML-safe key: lower-case letters, digits and dashes.</summary>
    internal static string Name(string text)
    {
        var b = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            b.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        var name = b.ToString().Trim('-');
        return name.Length == 0 || !char.IsAsciiLetter(name[0]) ? "p-" + name : name;
    }

    private static string Unique(string name, HashSet<string> used)
    {
        var candidate = name;
        for (var i = 2; !used.Add(candidate); i++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{name}-{i}");
        }

        return candidate;
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
