using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Receipts.Domain.Directory;
using Receipts.Domain.Outcomes;
using Spectre.Console;

namespace Receipts.Cli.Commands.Report;

/// <summary><c>receipts report changes</c>: each merged change's verdict (verified, disqualified, pending) and the totals.</summary>
internal static class ReportChangesCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static Command Create(CliEnvironment environment)
    {
        var repo = new Option<string?>("--repo") { Description = "Only this repository (github.com/acme/payments, a remote URL, or a local path for repos without a remote)" };
        var team = new Option<string?>("--team") { Description = "Only changes of this team's repos (teams and projects come from receipts.yaml)" };
        var since = new Option<string?>("--since") { Description = "Merged on or after this date (YYYY-MM-DD in the local zone, or an ISO instant)" };
        var until = new Option<string?>("--until") { Description = "Merged before this date (exclusive)" };
        var asOf = new Option<string?>("--as-of") { Description = "Judge as of the end of this date, or this instant (default: now)" };
        var window = new Option<int?>("--window") { Description = "Use this window N (days) for every team instead of the teams' own, to explore; the report says so" };
        var json = new Option<bool>("--json") { Description = "Print JSON: changes[] and totals" };
        var csv = new Option<bool>("--csv") { Description = "Print CSV, one row per change" };
        var config = ConfigLocation.CreateOption();
        var command = new Command(
            "changes",
            """
            Show each merged change and whether it is a verified outcome: "verified" once its team's
            window (N days after the merge, default 14) has passed with no revert, hotfix (same files
            within 72 hours) or reopened ticket; "disqualified" as soon as one of those lands inside the
            window; "pending" until then (shown, never counted). verifiedShare = verified / attempted,
            attempted = verified + disqualified.

            Examples:
              receipts report changes
              receipts report changes --team payments --since 2026-10-01 --until 2026-11-01
              receipts report changes --repo github.com/acme/payments --as-of 2026-11-15 --json
              receipts report changes --window 30 --csv
            """)
        {
            repo, team, since, until, asOf, window, json, csv, config,
        };
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            if (context.Get(window) is < 0 or > 3650)
            {
                throw new UserException($"--window {context.Get(window)} is out of range.", "Use a number of days from 0 to 3650.");
            }

            var directory = await ConfigLocation.LoadAsync(context.Get(config), environment, cancellationToken);
            var now = environment.Time.GetUtcNow();
            var query = new ChangesReport.Query(
                Repo: NormalizeRepo(context.Get(repo), environment),
                Team: context.Get(team),
                Since: ParseDate(context.Get(since), "--since", environment, endOfDay: false),
                Until: ParseDate(context.Get(until), "--until", environment, endOfDay: false),
                AsOf: ParseDate(context.Get(asOf), "--as-of", environment, endOfDay: true) ?? now,
                WindowOverride: context.Get(window));
            if (query.Team is { } t && !directory.Teams.ContainsKey(t))
            {
                throw new UserException($"Unknown team '{t}'.", directory.Teams.Count == 0
                    ? "Define teams and projects in receipts.yaml (see --config)."
                    : "Known teams: " + string.Join(", ", directory.Teams.Keys.Order(StringComparer.Ordinal)));
            }

            await using var store = await context.OpenStoreAsync(cancellationToken);
            var result = await ChangesReport.RunAsync(store, directory, query, cancellationToken);
            if (context.Get(json))
            {
                await environment.Out.WriteLineAsync(JsonSerializer.Serialize(ToJson(result), Json));
            }
            else if (context.Get(csv))
            {
                await WriteCsvAsync(environment.Out, result);
            }
            else
            {
                WriteTable(environment, result);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string? NormalizeRepo(string? repo, CliEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(repo))
        {
            return null;
        }

        var text = repo.Trim();
        // A repo without a remote is stored under its path.
        return text.StartsWith('.') || text.StartsWith('/') || text.StartsWith('~')
            ? Path.GetFullPath(text.StartsWith('~') ? environment.HomeDirectory + text[1..] : text, environment.WorkingDirectory).TrimEnd('/')
            : RepoName.Normalize(text);
    }

    internal static DateTimeOffset? ParseDate(string? text, string option, CliEnvironment environment, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var local = date.ToDateTime(TimeOnly.MinValue);
            if (endOfDay)
            {
                local = local.AddDays(1);
            }

            var offset = environment.LocalZone.GetUtcOffset(local);
            return new DateTimeOffset(local, offset).ToUniversalTime();
        }

        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }

        throw new UserException($"{option} '{text}' is not a date.", "Use YYYY-MM-DD (local zone) or an ISO instant such as 2026-11-20T12:00:00Z.");
    }

    private static object ToJson(ChangesReport.Result result) => new
    {
        asOf = result.AsOf,
        windowOverride = result.WindowOverride,
        note = Note(result),
        changes = result.Verdicts.Select(v => new
        {
            repo = v.Change.Repo,
            id = v.Change.Id,
            sha = v.Change.Sha,
            mergedAt = v.Change.MergedAt,
            title = v.Change.Title,
            status = Status(v.Status),
            reasons = v.Reasons.Select(r => new { kind = Kind(r.Kind), by = r.By, at = r.At, evidence = r.Evidence }),
            team = v.Team,
            windowDays = v.WindowDays,
            windowEndsAt = v.WindowEndsAt,
            author = v.Change.Author,
            headBranch = v.Change.HeadBranch,
            tickets = v.Change.Tickets,
            source = v.Change.Source,
        }),
        totals = new
        {
            attempted = result.Totals.Attempted,
            verified = result.Totals.Verified,
            disqualified = result.Totals.Disqualified,
            pending = result.Totals.Pending,
            verifiedShare = result.Totals.VerifiedShare,
            disqualifiedBy = new { revert = result.Totals.Reverted, hotfix = result.Totals.Hotfixed, reopen = result.Totals.Reopened },
        },
        windowHistory = result.WindowHistory.Select(h => new { team = h.Team, oldDays = h.OldDays, newDays = h.NewDays, by = h.By, at = h.At, reason = h.Reason }),
    };

    private static string? Note(ChangesReport.Result result) =>
        result.WindowOverride is { } n
            ? $"--window {n}: every change is judged with a {n}-day window instead of its team's own."
            : null;

    internal static string Status(ChangeStatus status) => status switch
    {
        ChangeStatus.Verified => "verified",
        ChangeStatus.Disqualified => "disqualified",
        _ => "pending",
    };

    internal static string Kind(DisqualifierKind kind) => kind switch
    {
        DisqualifierKind.Revert => "revert",
        DisqualifierKind.Hotfix => "hotfix",
        _ => "reopen",
    };

    private static async Task WriteCsvAsync(TextWriter output, ChangesReport.Result result)
    {
        var sb = new StringBuilder();
        sb.Append("repo,id,sha,mergedAt,title,status,reasons,team,windowDays,windowEndsAt\n");
        foreach (var v in result.Verdicts)
        {
            var reasons = string.Join(';', v.Reasons.Select(r => $"{Kind(r.Kind)}:{r.By}@{Iso(r.At)}"));
            sb.AppendJoin(',',
                Csv(v.Change.Repo), Csv(v.Change.Id), Csv(v.Change.Sha), Iso(v.Change.MergedAt), Csv(v.Change.Title),
                Status(v.Status), Csv(reasons), Csv(v.Team ?? string.Empty), v.WindowDays.ToString(CultureInfo.InvariantCulture), Iso(v.WindowEndsAt));
            sb.Append('\n');
        }

        await output.WriteAsync(sb.ToString());
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static void WriteTable(CliEnvironment environment, ChangesReport.Result result)
    {
        var console = environment.OutConsole();
        var zone = environment.LocalZone;
        string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        string Day(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var manyRepos = result.Verdicts.Select(v => v.Change.Repo).Distinct(StringComparer.Ordinal).Count() > 1;

        if (Note(result) is { } note)
        {
            console.MarkupLineInterpolated($"[yellow]note:[/] {note}");
        }

        if (result.Verdicts.Count == 0)
        {
            console.WriteLine("No changes. Import some with: receipts import git --repo PATH");
        }
        else
        {
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumn("Merged");
            if (manyRepos)
            {
                table.AddColumn("Repo");
            }

            table.AddColumn("Change");
            table.AddColumn("Title");
            table.AddColumn("Status");
            table.AddColumn("Why");
            table.AddColumn("Window ends");
            foreach (var v in result.Verdicts)
            {
                var id = v.Change.Id.Length > 10 ? v.Change.Id[..10] : v.Change.Id;
                var title = v.Change.Title.Length > 60 ? v.Change.Title[..59] + "…" : v.Change.Title;
                var status = v.Status switch
                {
                    ChangeStatus.Verified => "[green]verified[/]",
                    ChangeStatus.Disqualified => "[red]disqualified[/]",
                    _ => "[grey]pending[/]",
                };
                var why = string.Join(", ", v.Reasons.Select(r => $"{Kind(r.Kind)} by {(r.By.Length > 10 ? r.By[..10] : r.By)} {Day(r.At)}"));
                var cells = new List<string> { Local(v.Change.MergedAt) };
                if (manyRepos)
                {
                    cells.Add(Markup.Escape(v.Change.Repo));
                }

                cells.AddRange([Markup.Escape(id), Markup.Escape(title), status, Markup.Escape(why), $"{Day(v.WindowEndsAt)} ({v.WindowDays}d)"]);
                table.AddRow(cells.ToArray());
            }

            console.Write(table);
        }

        var t = result.Totals;
        var share = t.VerifiedShare is { } s ? s.ToString("P1", CultureInfo.InvariantCulture) : "n/a";
        console.MarkupLineInterpolated(
            $"As of {Local(result.AsOf)}: attempted {t.Attempted}, verified {t.Verified}, disqualified {t.Disqualified} (revert {t.Reverted}, hotfix {t.Hotfixed}, reopen {t.Reopened}), pending {t.Pending}; verified share {share}.");
        if (result.WindowHistory.Count > 0)
        {
            console.WriteLine("Window changes:");
            foreach (var h in result.WindowHistory)
            {
                console.MarkupLineInterpolated($"  {Local(h.At)} {h.Team}: {h.OldDays}d -> {h.NewDays}d by {h.By}: {h.Reason}");
            }
        }
    }
}
