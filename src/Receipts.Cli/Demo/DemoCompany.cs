using System.Globalization;
using System.Text;
using System.Text.Json;
using Receipts.Domain.Outcomes;

namespace Receipts.Cli.Demo;

/// <summary>
/// Builds a realistic small company on disk: real git repositories made with the git binary (PR merges,
/// squash merges, direct pushes, reverts, hotfixes), Claude Code transcripts on those repos' branches,
/// reopened tickets, seats and a directory file. Deterministic for a seed and a clock; it records the
/// truth (which project each response served, what happened to each change) so tests can check the
/// reports against it independently.
/// </summary>
internal static class DemoCompany
{
    private sealed record TeamSpec(string Name, int WindowDays, string Cadence, string[] Models);

    private sealed record ProjectSpec(string Name, string Team, string Repo, string Prefix, bool Cordon, string[] Areas);

    private static readonly TeamSpec[] Teams =
    [
        new("payments", 14, "weekly", ["claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929", "claude-opus-4-5-20251101"]),
        new("platform", 14, "weekly", ["claude-opus-4-5-20251101", "claude-sonnet-4-5-20250929"]),
        new("mobile", 21, "biweekly", ["claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001"]),
        new("data", 7, "daily", ["claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001"]),
        new("research", 14, "weekly", ["claude-opus-4-5-20251101"]),
    ];

    private static readonly ProjectSpec[] Projects =
    [
        new("pay-api", "payments", "pay-api", "PAY", false, ["refunds", "ledger", "webhooks"]),
        new("checkout-web", "payments", "checkout-web", "CHK", false, ["cart", "forms"]),
        new("platform-infra", "platform", "platform-infra", "PLAT", false, ["deploy", "observability", "auth"]),
        new("mobile-app", "mobile", "mobile-app", "MOB", false, ["onboarding", "settings"]),
        new("data-pipeline", "data", "data-pipeline", "DATA", false, ["ingest", "warehouse"]),
        new("lab", "research", "lab-experiments", "LAB", true, ["agents"]),
    ];

    private static readonly string[] People = ["sarah", "omar", "li", "priya", "jonas", "maria", "tom", "aiko", "ben", "fatima"];

    private static readonly string[] Verbs = ["Add", "Fix", "Refactor", "Speed up", "Harden", "Document", "Remove", "Split"];

    private static readonly string[] Things = ["retry logic", "validation", "pagination", "caching", "error messages", "metrics", "timeouts", "config loading"];

    public static async Task<DemoManifest> GenerateAsync(string root, DateTimeOffset now, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-84);
        var claudeRoot = Path.Combine(root, "claude");
        Directory.CreateDirectory(claudeRoot);
        var truth = new Dictionary<string, string?>(StringComparer.Ordinal);
        var changes = new List<DemoChange>();
        var ticketEvents = new List<TicketEvent>();
        var repos = new List<(string, string)>();
        var transcripts = new TranscriptWriter(claudeRoot, random, truth);
        var peopleByTeam = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["payments"] = [People[0], People[1], People[2]],
            ["platform"] = [People[3], People[4]],
            ["mobile"] = [People[5], People[6]],
            ["data"] = [People[7], People[8]],
            ["research"] = [People[9]],
        };

        foreach (var project in Projects)
        {
            var team = Teams.Single(t => t.Name == project.Team);
            var people = peopleByTeam[team.Name];
            var repoPath = Path.Combine(root, "repos", project.Repo);
            Directory.CreateDirectory(repoPath);
            var git = new GitRunner(repoPath);
            await git.RunAsync(start, people[0], cancellationToken, "init", "-q", "-b", "main");
            await git.RunAsync(start, people[0], cancellationToken, "remote", "add", "origin", $"https://github.com/acme/{project.Repo}.git");
            await File.WriteAllTextAsync(Path.Combine(repoPath, "README.md"), $"# {project.Name}\n", cancellationToken);
            await git.RunAsync(start, people[0], cancellationToken, "add", "-A");
            await git.RunAsync(start, people[0], cancellationToken, "commit", "-q", "-m", "Initial commit");
            repos.Add((repoPath, project.Name));

            var events = PlanEvents(project, team, people, start, now, random);
            var shas = new Dictionary<int, string>();
            foreach (var e in events.OrderBy(e => e.At).ThenBy(e => e.Order))
            {
                switch (e.Kind)
                {
                    case EventKind.Merge:
                        shas[e.Number] = await MergeAsync(git, project, e, cancellationToken);
                        await transcripts.SessionsForChangeAsync(repoPath, project, team, e, cancellationToken);
                        changes.Add(new DemoChange(project.Name, team.Name, e.Title, e.At, e.Ticket, e.RevertAt, e.HotfixAt, e.ReopenAt));
                        if (e.Ticket is not null)
                        {
                            ticketEvents.Add(Ticket(e.Ticket, project.Prefix, TicketEventKind.Completed, e.At, e.Author));
                        }

                        break;
                    case EventKind.Revert:
                        var parents = await git.RunAsync(e.At, e.Author, cancellationToken, "rev-list", "--parents", "-n", "1", shas[e.Number]);
                        var isMerge = parents.Split(' ').Length > 2;
                        var args = new List<string> { "revert", "--no-edit" };
                        if (isMerge)
                        {
                            args.AddRange(["-m", "1"]);
                        }

                        args.Add(shas[e.Number]);
                        await git.RunAsync(e.At, e.Author, cancellationToken, [.. args]);
                        break;
                    case EventKind.Hotfix:
                        var file = Path.Combine(repoPath, e.Files[0]);
                        await File.AppendAllTextAsync(file, "// hotfix: guard against null\n", cancellationToken);
                        await git.RunAsync(e.At, e.Author, cancellationToken, "add", "-A");
                        await git.RunAsync(e.At, e.Author, cancellationToken, "commit", "-q", "-m", $"Hotfix: null check in {Path.GetFileNameWithoutExtension(e.Files[0])}");
                        break;
                    case EventKind.Reopen:
                        ticketEvents.Add(Ticket(e.Ticket!, project.Prefix, TicketEventKind.Reopened, e.At, e.Author));
                        break;
                    default:
                        throw new InvalidOperationException($"Unknown demo event {e.Kind}.");
                }
            }

            // Work that belongs to the project but not to a change: on main, and in notes folders.
            for (var i = 0; i < 4; i++)
            {
                var at = start.AddHours(random.Next(24, 84 * 24));
                if (at < now)
                {
                    await transcripts.SessionAsync(repoPath, "main", project.Name, team, people[random.Next(people.Length)], at, cancellationToken);
                    var notes = Path.Combine(root, "home", people[0], "scratch", project.Name + "-notes");
                    Directory.CreateDirectory(notes);
                    await transcripts.SessionAsync(notes, string.Empty, project.Name, team, people[0], at.AddHours(3), cancellationToken);
                }
            }
        }

        // Work on another team's ticket inside a repo: the repo rule (0.85) wins over the ticket rule (0.8), and the
        // two strong rules disagreeing puts the session on the disagreements queue.
        for (var i = 0; i < 3; i++)
        {
            var (path, owner) = repos[i];
            var other = Projects[(i + 2) % (Projects.Length - 1)];
            var team = Teams.Single(t => t.Name == Projects.Single(p => p.Name == owner).Team);
            await transcripts.SessionAsync(path, $"feat/{other.Prefix}-77-shared-work", owner, team, peopleByTeam[team.Name][0], start.AddDays(30 + (10 * i)), cancellationToken);
        }

        // A little usage nobody can place: a throwaway folder with no repo.
        var misc = Path.Combine(root, "home", "tom", "tmp");
        Directory.CreateDirectory(misc);
        for (var i = 0; i < 3; i++)
        {
            await transcripts.SessionAsync(misc, string.Empty, null, Teams[0], "tom", start.AddDays(10 + (20 * i)), cancellationToken);
        }

        var configPath = Path.Combine(root, "receipts.yaml");
        await File.WriteAllTextAsync(configPath, DirectoryFile(peopleByTeam), cancellationToken);
        return new DemoManifest
        {
            Root = root,
            ConfigPath = configPath,
            ClaudeRoot = claudeRoot,
            Repos = repos,
            TicketEvents = ticketEvents,
            Truth = truth,
            Changes = changes,
        };
    }

    private enum EventKind
    {
        Merge,
        Revert,
        Hotfix,
        Reopen,
    }

    private enum MergeStyle
    {
        MergeCommit,
        Squash,
        DirectPush,
    }

    private sealed record PlannedEvent(EventKind Kind, DateTimeOffset At, int Number, string Author, string Title, string? Ticket, string Branch, MergeStyle Style, string[] Files, int Order)
    {
        public DateTimeOffset? RevertAt { get; init; }

        public DateTimeOffset? HotfixAt { get; init; }

        public DateTimeOffset? ReopenAt { get; init; }
    }

    private static List<PlannedEvent> PlanEvents(ProjectSpec project, TeamSpec team, string[] people, DateTimeOffset start, DateTimeOffset now, Random random)
    {
        var events = new List<PlannedEvent>();
        var at = start.AddDays(2);
        var number = 100;
        while (true)
        {
            at = at.AddHours(random.Next(30, 110));
            if (at > now.AddHours(-2))
            {
                break;
            }

            number++;
            var author = people[random.Next(people.Length)];
            var area = project.Areas[random.Next(project.Areas.Length)];
            var thing = Things[random.Next(Things.Length)];
            var ticketNumber = random.Next(10, 900);
            var roll = random.NextDouble();
            var style = roll < 0.6 ? MergeStyle.MergeCommit : roll < 0.9 ? MergeStyle.Squash : MergeStyle.DirectPush;
            var ticket = style == MergeStyle.DirectPush ? null : $"{project.Prefix}-{ticketNumber}";
            var slug = thing.Replace(' ', '-');
            var branch = style == MergeStyle.DirectPush ? "main" : $"feat/{ticket}-{slug}";
            var title = $"{Verbs[random.Next(Verbs.Length)]} {thing} in {area}";
            var files = new[] { $"src/{area}/{slug}_{number}.cs" };
            var merge = new PlannedEvent(EventKind.Merge, at, number, author, title, ticket, branch, style, files, 0);

            var fate = random.NextDouble();
            var fateAt = at;
            if (fate < 0.12)
            {
                fateAt = at.AddHours(random.Next(20, 24 * Math.Min(team.WindowDays, 6)));
                merge = merge with { RevertAt = fateAt };
                events.Add(new PlannedEvent(EventKind.Revert, fateAt, number, author, title, ticket, branch, style, files, 1));
            }
            else if (fate < 0.2)
            {
                fateAt = at.AddHours(random.Next(3, 60));
                merge = merge with { HotfixAt = fateAt };
                events.Add(new PlannedEvent(EventKind.Hotfix, fateAt, number, people[random.Next(people.Length)], title, ticket, branch, style, files, 1));
            }
            else if (fate < 0.28 && ticket is not null)
            {
                fateAt = at.AddHours(random.Next(30, 24 * Math.Min(team.WindowDays, 6)));
                merge = merge with { ReopenAt = fateAt };
                events.Add(new PlannedEvent(EventKind.Reopen, fateAt, number, author, title, ticket, branch, style, files, 1));
            }
            else if (fate < 0.32)
            {
                // Reverted long after its window: it still counts as verified.
                fateAt = at.AddDays(team.WindowDays + 4);
                merge = merge with { RevertAt = fateAt };
                events.Add(new PlannedEvent(EventKind.Revert, fateAt, number, author, title, ticket, branch, style, files, 1));
            }

            if (fateAt > now)
            {
                // The planted fate is still in the future: drop it, the change stays as it is today.
                events.RemoveAll(e => e.Number == number && e.Kind != EventKind.Merge);
                merge = merge with { RevertAt = null, HotfixAt = null, ReopenAt = null };
            }

            events.Add(merge);
        }

        return events;
    }

    private static async Task<string> MergeAsync(GitRunner git, ProjectSpec project, PlannedEvent e, CancellationToken cancellationToken)
    {
        var file = Path.Combine(git.Directory, e.Files[0]);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        if (e.Style == MergeStyle.DirectPush)
        {
            await File.WriteAllTextAsync(file, $"// {e.Title}\n", cancellationToken);
            await git.RunAsync(e.At, e.Author, cancellationToken, "add", "-A");
            await git.RunAsync(e.At, e.Author, cancellationToken, "commit", "-q", "-m", e.Title);
            return await git.RunAsync(e.At, e.Author, cancellationToken, "rev-parse", "HEAD");
        }

        await git.RunAsync(e.At.AddDays(-2), e.Author, cancellationToken, "checkout", "-q", "-b", e.Branch);
        await File.WriteAllTextAsync(file, $"// {e.Title}\n", cancellationToken);
        await git.RunAsync(e.At.AddDays(-2), e.Author, cancellationToken, "add", "-A");
        await git.RunAsync(e.At.AddDays(-2), e.Author, cancellationToken, "commit", "-q", "-m", $"{e.Ticket}: {e.Title}");
        await File.AppendAllTextAsync(file, "// review comments addressed\n", cancellationToken);
        await git.RunAsync(e.At.AddDays(-1), e.Author, cancellationToken, "commit", "-q", "-am", "Address review comments");
        await git.RunAsync(e.At, e.Author, cancellationToken, "checkout", "-q", "main");
        if (e.Style == MergeStyle.MergeCommit)
        {
            await git.RunAsync(e.At, e.Author, cancellationToken, "merge", "-q", "--no-ff", "-m", $"Merge pull request #{e.Number} from acme/{e.Branch}\n\n{e.Title}", e.Branch);
        }
        else
        {
            await git.RunAsync(e.At, e.Author, cancellationToken, "merge", "-q", "--squash", e.Branch);
            await git.RunAsync(e.At, e.Author, cancellationToken, "commit", "-q", "-m", $"{e.Ticket}: {e.Title} (#{e.Number})");
        }

        await git.RunAsync(e.At, e.Author, cancellationToken, "branch", "-q", "-D", e.Branch);
        _ = project;
        return await git.RunAsync(e.At, e.Author, cancellationToken, "rev-parse", "HEAD");
    }

    private static TicketEvent Ticket(string ticket, string prefix, TicketEventKind kind, DateTimeOffset at, string actor) => new()
    {
        Id = $"demo:{ticket}:{kind}:{at.ToUnixTimeSeconds()}",
        Tracker = "demo",
        TicketId = ticket,
        Kind = kind,
        At = at,
        Project = prefix,
        Actor = actor,
    };

    private static string DirectoryFile(Dictionary<string, string[]> peopleByTeam)
    {
        var b = new StringBuilder();
        b.AppendLine("# receipts.yaml: the directory Receipts attributes spend with (written by `receipts demo`).");
        b.AppendLine("timezone: UTC");
        b.AppendLine("currency: USD");
        b.AppendLine("teams:");
        foreach (var t in Teams)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"  {t.Name}:");
            b.AppendLine(CultureInfo.InvariantCulture, $"    window_days: {t.WindowDays}");
            b.AppendLine(CultureInfo.InvariantCulture, $"    cadence: {t.Cadence}");
        }

        b.AppendLine("people:");
        foreach (var (team, people) in peopleByTeam)
        {
            foreach (var p in people)
            {
                b.AppendLine(CultureInfo.InvariantCulture, $"  {p}:");
                b.AppendLine(CultureInfo.InvariantCulture, $"    team: {team}");
                b.AppendLine(CultureInfo.InvariantCulture, $"    emails: [{p}@acme.example]");
                b.AppendLine(CultureInfo.InvariantCulture, $"    machine_users: [{p}]");
            }
        }

        b.AppendLine("projects:");
        foreach (var p in Projects)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"  {p.Name}:");
            b.AppendLine(CultureInfo.InvariantCulture, $"    team: {p.Team}");
            b.AppendLine(CultureInfo.InvariantCulture, $"    repos: [github.com/acme/{p.Repo}]");
            b.AppendLine(CultureInfo.InvariantCulture, $"    ticket_prefixes: [{p.Prefix}]");
            b.AppendLine(CultureInfo.InvariantCulture, $"    paths: [\"**/scratch/{p.Name}-notes/**\"]");
            if (p.Cordon)
            {
                b.AppendLine("    cordon: true");
            }
        }

        b.AppendLine("seats:");
        foreach (var (tool, person, cost) in new[] { ("claude-max", "sarah", 200m), ("claude-max", "omar", 200m), ("claude-max", "fatima", 200m), ("copilot", "li", 19m), ("copilot", "tom", 19m) })
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"  - tool: {tool}");
            b.AppendLine(CultureInfo.InvariantCulture, $"    person: {person}");
            b.AppendLine(CultureInfo.InvariantCulture, $"    monthly_cost: {cost}");
            b.AppendLine("    from: 2026-01-01");
        }

        return b.ToString();
    }

    /// <summary>Writes Claude Code transcripts in the real line shapes, one line per content block.</summary>
    private sealed class TranscriptWriter(string claudeRoot, Random random, Dictionary<string, string?> truth)
    {
        private int _messages;

        public async Task SessionsForChangeAsync(string repoPath, ProjectSpec project, TeamSpec team, PlannedEvent merge, CancellationToken cancellationToken)
        {
            var sessions = random.Next(1, 4);
            for (var s = 0; s < sessions; s++)
            {
                var at = merge.At.AddHours(-random.Next(2, 60));
                await SessionAsync(repoPath, merge.Branch, project.Name, team, merge.Author, at, cancellationToken);
            }
        }

        public async Task SessionAsync(string cwd, string branch, string? project, TeamSpec team, string person, DateTimeOffset at, CancellationToken cancellationToken)
        {
            var sessionId = Guid.NewGuid().ToString();
            // Each developer's machine has its own ~/.claude: one config dir per person, imported as that machine user.
            var dir = Path.Combine(claudeRoot, person, "projects", Encode(cwd));
            Directory.CreateDirectory(dir);
            var lines = new StringBuilder();
            var responses = random.Next(15, 45);
            string? parent = null;
            for (var i = 0; i < responses; i++)
            {
                at = at.AddSeconds(random.Next(5, 240));
                var user = Guid.NewGuid().ToString();
                lines.AppendLine(JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["parentUuid"] = parent,
                    ["isSidechain"] = false,
                    ["userType"] = "external",
                    ["cwd"] = cwd,
                    ["sessionId"] = sessionId,
                    ["version"] = "2.0.31",
                    ["gitBranch"] = branch,
                    ["type"] = "user",
                    ["message"] = new { role = "user", content = "please continue with the task" },
                    ["uuid"] = user,
                    ["timestamp"] = Stamp(at),
                }));
                var messageId = $"msg_demo{Interlocked.Increment(ref _messages):D8}";
                var requestId = $"req_demo{_messages:D8}";
                truth[messageId] = project;
                var model = team.Models[random.Next(team.Models.Length)];
                var usage = new Dictionary<string, object>
                {
                    ["input_tokens"] = random.Next(3, 900),
                    ["cache_creation_input_tokens"] = random.Next(0, 12_000),
                    ["cache_read_input_tokens"] = random.Next(5_000, 140_000),
                    ["output_tokens"] = random.Next(40, 2_500),
                    ["service_tier"] = "standard",
                };
                usage["cache_creation"] = new Dictionary<string, object> { ["ephemeral_5m_input_tokens"] = usage["cache_creation_input_tokens"], ["ephemeral_1h_input_tokens"] = 0 };
                at = at.AddSeconds(random.Next(2, 30));
                var blocks = random.Next(1, 4);
                for (var b = 0; b < blocks; b++)
                {
                    var uuid = Guid.NewGuid().ToString();
                    lines.AppendLine(JsonSerializer.Serialize(new Dictionary<string, object?>
                    {
                        ["parentUuid"] = parent ?? user,
                        ["isSidechain"] = false,
                        ["userType"] = "external",
                        ["cwd"] = cwd,
                        ["sessionId"] = sessionId,
                        ["version"] = "2.0.31",
                        ["gitBranch"] = branch,
                        ["message"] = new Dictionary<string, object?>
                        {
                            ["id"] = messageId,
                            ["type"] = "message",
                            ["role"] = "assistant",
                            ["model"] = model,
                            ["content"] = new[] { new { type = "text", text = "working on it" } },
                            ["stop_reason"] = b == blocks - 1 ? "end_turn" : null,
                            ["stop_sequence"] = null,
                            ["usage"] = usage,
                        },
                        ["requestId"] = requestId,
                        ["type"] = "assistant",
                        ["uuid"] = uuid,
                        ["timestamp"] = Stamp(at),
                    }));
                    parent = uuid;
                }
            }

            await File.WriteAllTextAsync(Path.Combine(dir, sessionId + ".jsonl"), lines.ToString(), cancellationToken);
        }

        private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        private static string Encode(string cwd)
        {
            var chars = cwd.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (!char.IsAsciiLetterOrDigit(chars[i]))
                {
                    chars[i] = '-';
                }
            }

            return new string(chars);
        }
    }
}
