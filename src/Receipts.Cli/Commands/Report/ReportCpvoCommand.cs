using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Receipts.Cli.Output;
using Receipts.Domain.Metrics;
using Receipts.Domain.Pipeline;
using Spectre.Console;

namespace Receipts.Cli.Commands.Report;

/// <summary><c>receipts report cpvo</c>: spend, outcomes, verified share and cost per verified outcome, week by week.</summary>
internal static class ReportCpvoCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Command Create(CliEnvironment environment)
    {
        var by = new Option<string>("--by") { Description = "Group rows by team or project", DefaultValueFactory = _ => "team" };
        by.AcceptOnlyFromAmong("team", "project");
        var weeks = new Option<int>("--weeks") { Description = "How many ISO weeks, ending with the week of --as-of", DefaultValueFactory = _ => 8 };
        var asOf = new Option<string?>("--as-of") { Description = "Report as of the end of this date (YYYY-MM-DD) or this instant (default: now)" };
        var trend = new Option<bool>("--trend") { Description = "Add quarter-over-quarter CPVO and verified share per group, with a verdict" };
        var window = new Option<int?>("--window") { Description = "Use this window N (days) for every team instead of their own, to explore" };
        var config = ConfigLocation.CreateOption();
        var tz = new Option<string?>("--tz") { Description = "IANA zone for ISO weeks (default: timezone: in receipts.yaml, else the machine's)" };
        var command = new Command(
            "cpvo",
            """
            Cost per verified outcome, week by week, per team or project: spend (billed where a bill
            covers it, price-book estimate elsewhere), changes attempted / verified / pending /
            disqualified (revert, hotfix, reopen), verified share = verified / attempted,
            CPVO = spend / verified (empty when nothing was verified), and the cost-per-change
            distribution (median, p90, max) of changes the spend could be linked to.
            Changes count in the week they merged; pending ones are shown, never counted.
            Cordoned projects (research, prototypes) are left out of both sides; their share of
            spend is reported, with a warning at one third or more. Teams are grouped by their
            release-cadence band.

            Examples:
              receipts report cpvo
              receipts report cpvo --by project --weeks 12
              receipts report cpvo --trend --as-of 2026-11-20
              receipts report cpvo --json > cpvo.json
            """)
        {
            by, weeks, asOf, trend, window, tz, config,
        };
        var output = OutputOptions.AddTo(command);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var format = output.Resolve(parseResult);
            if (context.Get(weeks) is < 1 or > 520)
            {
                throw new UserException($"--weeks {context.Get(weeks)} is out of range.", "Use 1 to 520 weeks.");
            }

            var directory = new DirectoryView(await ConfigLocation.LoadAsync(context.Get(config), environment, cancellationToken));
            var zone = ReportZone.Resolve(context.Get(tz), directory, environment);
            var request = new CpvoService.Request(
                context.Get(by) == "project" ? CpvoGrouping.Project : CpvoGrouping.Team,
                context.Get(weeks),
                ReportChangesCommand.ParseDate(context.Get(asOf), "--as-of", environment with { LocalZone = zone }, endOfDay: true) ?? environment.Time.GetUtcNow(),
                zone,
                context.Get(trend),
                context.Get(window));
            await using var store = await context.OpenStoreAsync(cancellationToken);
            var result = await CpvoService.RunAsync(store, directory, request, cancellationToken);
            switch (format)
            {
                case OutputFormat.Json:
                    await environment.Out.WriteLineAsync(JsonSerializer.Serialize(CpvoJson.From(result, request, zone), Json));
                    break;
                case OutputFormat.Csv:
                    await environment.Out.WriteAsync(Csv(result, request));
                    break;
                default:
                    Render(Consoles.ForReport(environment), result, request, zone);
                    break;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Csv(CpvoService.Result result, CpvoService.Request request)
    {
        var b = new StringBuilder();
        var key = request.GroupBy == CpvoGrouping.Team ? "team" : "project";
        b.Append(CultureInfo.InvariantCulture, $"week,{key},band,spend,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,attempted,verified,pending,disqualified,disqualified_revert,disqualified_hotfix,disqualified_reopen,verified_share,cpvo,cost_per_change_median,cost_per_change_p90,cost_per_change_max,linked_share,estimated_share\n");
        foreach (var r in result.Report.Rows)
        {
            b.AppendJoin(',', [
                r.Week, CsvText(r.Group), CsvText(r.Band ?? string.Empty), Num(r.Spend),
                Num(r.Tokens.Input), Num(r.Tokens.Output), Num(r.Tokens.CacheRead), Num(r.Tokens.CacheWrite),
                Num(r.Attempted), Num(r.Verified), Num(r.Pending), Num(r.Disqualified),
                Num(r.DisqualifiedBy.GetValueOrDefault("revert")), Num(r.DisqualifiedBy.GetValueOrDefault("hotfix")), Num(r.DisqualifiedBy.GetValueOrDefault("reopen")),
                Num(r.VerifiedShare), Num(r.Cpvo), Num(r.CostPerChange.Median), Num(r.CostPerChange.P90), Num(r.CostPerChange.Max),
                Num(r.LinkedShare), Num(r.EstimatedShare)]);
            b.Append('\n');
        }

        return b.ToString();
    }

    private static string Num(decimal? value) => value is { } v ? decimal.Round(v, 6).ToString(CultureInfo.InvariantCulture) : string.Empty;

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string CsvText(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal)
        ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : text;

    internal static void Render(IAnsiConsole console, CpvoService.Result result, CpvoService.Request request, TimeZoneInfo zone)
    {
        var report = result.Report;
        console.MarkupLineInterpolated($"[bold]Cost per verified outcome[/] by {(request.GroupBy == CpvoGrouping.Team ? "team" : "project")}, {report.Weeks[0]} to {report.Weeks[^1]} ({zone.Id}), as of {request.AsOf:yyyy-MM-dd HH:mm} UTC");
        if (report.Rows.Count == 0)
        {
            console.WriteLine("No spend and no changes in these weeks. Import some with `receipts import claude-code` and `receipts import git --repo PATH`, or try `receipts demo`.");
            return;
        }

        foreach (var band in report.Rows.GroupBy(r => r.Band))
        {
            var table = new Table().Border(TableBorder.Rounded).Title(band.Key is null ? "No cadence band" : $"Band: {band.Key}");
            table.AddColumns("Group", "Week", "Spend", "Attempted", "Verified", "Pending", "Disqualified", "Verified share", "CPVO", "Cost/change median", "p90", "Estimated");
            foreach (var c in table.Columns.Skip(2))
            {
                c.RightAligned();
            }

            foreach (var r in band)
            {
                table.AddRow(
                    Markup.Escape(r.Group),
                    r.Week,
                    Money(r.Spend) + (r.UnpricedRecords > 0 ? " + ?" : string.Empty),
                    r.Attempted.ToString(CultureInfo.InvariantCulture),
                    r.Verified.ToString(CultureInfo.InvariantCulture),
                    r.Pending.ToString(CultureInfo.InvariantCulture),
                    Disqualified(r),
                    Percent(r.VerifiedShare),
                    r.Cpvo is { } cpvo ? Money(cpvo) : "-",
                    r.CostPerChange.Median is { } m ? Money(m) : "-",
                    r.CostPerChange.P90 is { } p ? Money(p) : "-",
                    Percent(r.EstimatedShare));
            }

            console.Write(table);
        }

        if (report.CordonShare is { } share)
        {
            var line = $"Cordoned (research/prototype) spend left out: {Money(report.CordonSpend)} ({Percent(share)} of the period).";
            console.MarkupLine(report.CordonWarning ? $"[yellow]warning:[/] {Markup.Escape(line)} That is a third or more of the spend." : Markup.Escape(line));
        }

        if (result.Ledger.CoverageShare is { } coverage)
        {
            console.MarkupLineInterpolated($"Attribution coverage: {coverage.ToString("0.0%", CultureInfo.InvariantCulture)} of dollars placed in a project ({result.Ledger.Disagreements.Count} disagreements; see `receipts report attribution`).");
        }

        if (result.Ledger.UnpricedModels.Count > 0)
        {
            console.MarkupLineInterpolated($"[yellow]warning:[/] no price for {string.Join(", ", result.Ledger.UnpricedModels)}: their tokens count, their cost is unknown (`receipts prices import FILE`).");
        }

        foreach (var t in report.Trends)
        {
            console.MarkupLineInterpolated($"{t.Group}: {t.PreviousQuarter} → {t.Quarter}: CPVO {(t.PreviousCpvo is { } a ? Money(a) : "-")} → {(t.Cpvo is { } b ? Money(b) : "-")}, verified share {Percent(t.PreviousVerifiedShare)} → {Percent(t.VerifiedShare)}: {Verdict(t.Verdict)}");
        }
    }

    internal static string Verdict(TrendVerdict verdict) => verdict switch
    {
        TrendVerdict.PayingOff => "paying off",
        TrendVerdict.NotPayingOff => "not paying off",
        TrendVerdict.Mixed => "mixed",
        _ => "not enough data",
    };

    private static string Disqualified(CpvoRow r) => r.Disqualified == 0
        ? "0"
        : r.Disqualified.ToString(CultureInfo.InvariantCulture) + " (" + string.Join(", ", r.DisqualifiedBy.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Value} {kv.Key}")) + ")";

    private static string Money(decimal value) => value.ToString("$#,##0.00", CultureInfo.InvariantCulture);

    private static string Percent(decimal? value) => value is { } v ? v.ToString("0%", CultureInfo.InvariantCulture) : "-";
}
