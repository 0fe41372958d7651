namespace Receipts.Cli.Commands.Init;

/// <summary>What the store has seen, counted, for proposing a starter directory file.</summary>
internal sealed class SeenFacts
{
    /// <summary>Repo as first seen, by normalised repo: records and changes that named it.</summary>
    public Dictionary<string, (string Display, long Uses)> Repos { get; } = new(StringComparer.Ordinal);

    /// <summary>Branches seen per normalised repo.</summary>
    public Dictionary<string, HashSet<string>> Branches { get; } = new(StringComparer.Ordinal);

    /// <summary>Ticket prefix (<c>PAY</c>) → normalised repo → times seen together (null repo: seen without one).</summary>
    public Dictionary<string, Dictionary<string, long>> TicketPrefixes { get; } = new(StringComparer.Ordinal);

    /// <summary>API key aliases (else ids) → normalised repo → records.</summary>
    public Dictionary<string, Dictionary<string, long>> KeyAliases { get; } = new(StringComparer.Ordinal);

    /// <summary>Machine users → normalised repo → records.</summary>
    public Dictionary<string, Dictionary<string, long>> MachineUsers { get; } = new(StringComparer.Ordinal);

    /// <summary>Local working directories recorded as a record's repo (no git remote): records each.</summary>
    public Dictionary<string, long> Paths { get; } = new(StringComparer.Ordinal);

    public long UsageRecords { get; set; }

    public long Changes { get; set; }

    public void Repo(string? repo, string? branch, long uses = 1)
    {
        if (string.IsNullOrWhiteSpace(repo))
        {
            return;
        }

        if (IsPath(repo))
        {
            Paths[repo.Trim()] = Paths.GetValueOrDefault(repo.Trim()) + uses;
            return;
        }

        var key = Receipts.Domain.Attribution.AttributionDirectory.NormaliseRepo(repo);
        var seen = Repos.GetValueOrDefault(key, (repo.Trim(), 0));
        Repos[key] = (seen.Display, seen.Uses + uses);
        if (!string.IsNullOrWhiteSpace(branch))
        {
            if (!Branches.TryGetValue(key, out var set))
            {
                Branches[key] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(branch);
        }
    }

    public static void Count(Dictionary<string, Dictionary<string, long>> map, string? name, string? repo)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return;
        }

        if (!map.TryGetValue(name, out var byRepo))
        {
            map[name] = byRepo = new Dictionary<string, long>(StringComparer.Ordinal);
        }

        var key = repo is null || IsPath(repo) ? string.Empty : Receipts.Domain.Attribution.AttributionDirectory.NormaliseRepo(repo);
        byRepo[key] = byRepo.GetValueOrDefault(key) + 1;
    }

    /// <summary>A local directory rather than a remote: <c>/home/x/scratch</c>, <c>~/src/x</c>, <c>C:\src</c>.</summary>
    public static bool IsPath(string repo)
    {
        var r = repo.Trim();
        return r.StartsWith('/') || r.StartsWith('~') || (r.Length > 2 && r[1] == ':' && (r[2] == '\\' || r[2] == '/'));
    }

    /// <summary>The ticket prefix of <c>PAY-123</c>: <c>PAY</c>; null for ids without one.</summary>
    public static string? PrefixOf(string ticketId)
    {
        var dash = ticketId.IndexOf('-', StringComparison.Ordinal);
        return dash <= 0 || !ticketId[..dash].All(char.IsAsciiLetterOrDigit) ? null : ticketId[..dash].ToUpperInvariant();
    }
}
