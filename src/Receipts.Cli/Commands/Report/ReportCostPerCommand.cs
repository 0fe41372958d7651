using System.CommandLine;
using System.Globalization;
using Receipts.Cli.Output;
using Receipts.Domain.Metrics;
using Receipts.Domain.Outcomes;
using Receipts.Domain.Pipeline;
using Receipts.Domain.Pricing;
using Receipts.Domain.Reports;
using Receipts.Domain.Storage;
using Spectre.Console;

namespace Receipts.Cli.Commands.Report;

/// <summary><c>receipts report cost-per</c>: spend per merged change or per completed task, per team or project.</summary>
internal static class ReportCostPerCommand
{
    private const string Unattributed = CpvoCalculator.Unattributed;

    public static Command Create(CliEnvironment environment)
    {
        var unit = new Option<string>("--unit") { Description = "What to divide spend by: pr (merged changes) or task (tracker tasks completed)", DefaultValueFactory = _ => "pr" };
        unit.AcceptOnlyFromAmong("pr", "task");
        var by = new Option<string>("--by") { Description = "Group rows by team or project", DefaultValueFactory = _ => "team" };
        by.AcceptOnlyFromAmong("team", "project");
        var since = new Option<string?>("--since") { Description = "First day to include, YYYY-MM-DD (default: Monday of the ISO week 3 weeks ago, so the last 4 ISO weeks)" };
        var until = new Option<string?>("--until") { Description = "Last day to include, YYYY-MM-DD (default: now)" };
        var tz = new Option<string?>("--tz") { Description = "IANA zone for days and weeks (default: timezone: in receipts.yaml, else the machine's)" };
        var config = ConfigLocation.CreateOption();
        var command = new Command(
            "cost-per",
            """
            Spend per merged change (--unit pr) or per completed tracker task (--unit task), per team
            or project, over a period (default: the last 4 ISO weeks). Spend is attributed and
            reconciled as in `report cpvo` (billed where a bill covers it, estimate elsewhere).
            Changes count when they merged in the period, whatever their verdict (see `report cpvo`
            for verified outcomes). Tasks count once per ticket completed in the period (Jira, Linear,
            Asana imports), placed in projects by ticket_prefixes, else trackers, in receipts.yaml.
            Cordoned projects are left out of both sides.

            Examples:
              receipts report cost-per
              receipts report cost-per --unit task --by project
              receipts report cost-per --since 2026-10-01 --until 2026-10-31 --csv
              receipts report cost-per --unit task --json
            """)
        {
            unit, by, since, until, tz, config,
        };
        var output = OutputOptions.AddTo(command);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var format = output.Resolve(parseResult);
            var directory = new DirectoryView(await ConfigLocation.LoadAsync(context.Get(config), environment, cancellationToken));
            var zone = ReportZone.Resolve(context.Get(tz), directory, environment);
            var now = environment.Time.GetUtcNow();
            var sinceDate = PeriodOptions.ParseDate("--since", context.Get(since));
            var untilDate = PeriodOptions.ParseDate("--until", context.Get(until));
            if (sinceDate is { } s0 && untilDate is { } u0 && s0 > u0)
            {
                throw new UserException($"--since {s0:yyyy-MM-dd} is after --until {u0:yyyy-MM-dd}.", "Swap the two dates.");
            }

            var (sinceUtc, untilUtc) = ReportPeriod.ToUtcRange(sinceDate, untilDate, zone);
            var end = untilUtc ?? now;
            var start = sinceUtc ?? IsoWeek.Of(end, zone).AddWeeks(-3).StartIn(zone);
            var byProject = context.Get(by) == "project";
            var perTask = context.Get(unit) == "task";

            await using var store = await context.OpenStoreAsync(cancellationToken);
            var rows = await ComputeAsync(store, directory, start, end, byProject, perTask, cancellationToken);
            var report = Table(rows, byProject, perTask);
            switch (format)
            {
                case OutputFormat.Json:
                    JsonOutput.Write(environment.Out, json =>
                    {
                        json.WriteStartObject();
                        json.WriteString("unit", perTask ? "task" : "pr");
                        json.WriteString("by", byProject ? "project" : "team");
                        json.WriteString("since", start.ToString("O", CultureInfo.InvariantCulture));
                        json.WriteString("until", end.ToString("O", CultureInfo.InvariantCulture));
                        json.WriteString("zone", zone.Id);
                        json.WriteStartArray("rows");
                        foreach (var r in rows)
                        {
                            json.WriteStartObject();
                            json.WriteString(byProject ? "project" : "team", r.Group);
                            json.WriteMoney("spend", r.Spend);
                            json.WriteNumber(perTask ? "tasks_completed" : "merged_changes", r.Units);
                            if (r.CostPerUnit is { } c)
                            {
                                json.WriteMoney(perTask ? "cost_per_task" : "cost_per_change", c);
                            }
                            else
                            {
                                json.WriteNull(perTask ? "cost_per_task" : "cost_per_change");
                            }

                            json.WriteNumber("unpriced_records", r.Unpriced);
                            json.WriteEndObject();
                        }

                        json.WriteEndArray();
                        json.WriteEndObject();
                    });
                    break;
                case OutputFormat.Csv:
                    report.WriteCsv(environment.Out);
                    break;
                default:
                    var console = Consoles.ForReport(environment);
                    console.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"Cost per {(perTask ? "completed task" : "merged change")} by {(byProject ? "project" : "team")}, {TimeZoneInfo.ConvertTime(start, zone):yyyy-MM-dd} to {TimeZoneInfo.ConvertTime(end, zone):yyyy-MM-dd HH:mm} ({zone.Id})"));
                    if (rows.Count == 0)
                    {
                        console.WriteLine("No spend and no " + (perTask ? "completed tasks" : "merged changes") + " in this period. Import some, or try `receipts demo`.");
                    }
                    else
                    {
                        report.WriteTable(console);
                    }

                    break;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    internal sealed record CostPerRow(string Group, decimal Spend, long Units, long Unpriced)
    {
        public decimal? CostPerUnit => Units == 0 ? null : Spend / Units;
    }

    internal static async Task<IReadOnlyList<CostPerRow>> ComputeAsync<TStore>(
        TStore store,
        DirectoryView directory,
        DateTimeOffset since,
        DateTimeOffset until,
        bool byProject,
        bool perTask,
        CancellationToken cancellationToken)
        where TStore : IUsageStore, IOutcomeStore, IPriceStore, ICorrectionStore, IBillingStore
    {
        var prices = await PriceBookLoader.LoadAsync(store, cancellationToken);
        var corrections = await store.ReadCorrectionsAsync(cancellationToken);
        var ledger = await SpendPipeline.RunAsync(store, store, directory, prices, corrections, since, until, cancellationToken);
        var cells = new Dictionary<string, (decimal Spend, long Units, long Unpriced)>(StringComparer.Ordinal);
        string GroupOf(string? team, string? project) => (byProject ? project : team) ?? Unattributed;
        bool Cordoned(string? project) => project is not null && directory.Cordoned.Contains(project);

        foreach (var item in ledger.Items.Where(i => i.At >= since && i.At < until && !Cordoned(i.Project)))
        {
            var key = GroupOf(item.Team, item.Project);
            var c = cells.GetValueOrDefault(key);
            cells[key] = (c.Spend + (item.Amount ?? 0m), c.Units, c.Unpriced + (item.Amount is null ? item.Records : 0));
        }

        if (perTask)
        {
            var events = await store.ReadTicketEventsAsync(cancellationToken);
            var completed = events
                .Where(e => e.Kind == TicketEventKind.Completed && e.At >= since && e.At < until)
                .DistinctBy(e => (e.Tracker, e.TicketId));
            foreach (var e in completed)
            {
                var project = ProjectOfTask(directory, e);
                if (Cordoned(project))
                {
                    continue;
                }

                var team = project is null ? null : directory.TeamOfProject.GetValueOrDefault(project);
                var key = GroupOf(team, project);
                var c = cells.GetValueOrDefault(key);
                cells[key] = (c.Spend, c.Units + 1, c.Unpriced);
            }
        }
        else
        {
            var outcomes = await OutcomePipeline.RunAsync(store, directory, until, null, cancellationToken);
            foreach (var o in outcomes.Where(o => o.MergedAt >= since && o.MergedAt < until && !Cordoned(o.Project)))
            {
                var key = GroupOf(o.Team, o.Project);
                var c = cells.GetValueOrDefault(key);
                cells[key] = (c.Spend, c.Units + 1, c.Unpriced);
            }
        }

        return cells
            .OrderBy(kv => kv.Key == Unattributed ? 1 : 0)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new CostPerRow(kv.Key, kv.Value.Spend, kv.Value.Units, kv.Value.Unpriced))
            .ToList();
    }

    /// <summary>The project of a completed task: its ticket id's prefix (<c>PAY-12</c>), else its tracker project key.</summary>
    internal static string? ProjectOfTask(DirectoryView directory, TicketEvent e) =>
        directory.Attribution.ProjectOfTicket(e.TicketId)
        ?? (e.Project is { } key
            ? directory.Config.Projects.Values.FirstOrDefault(p => p.Trackers.Contains(key, StringComparer.OrdinalIgnoreCase) || p.TicketPrefixes.Contains(key, StringComparer.OrdinalIgnoreCase))?.Name
            : null);

    private static TabularReport Table(IReadOnlyList<CostPerRow> rows, bool byProject, bool perTask)
    {
        var report = new TabularReport()
            .Column(byProject ? "Project" : "Team", byProject ? "project" : "team")
            .Column("Spend", "spend")
            .Column(perTask ? "Tasks completed" : "Merged changes", perTask ? "tasks_completed" : "merged_changes")
            .Column(perTask ? "Cost per task" : "Cost per change", perTask ? "cost_per_task" : "cost_per_change");
        foreach (var r in rows)
        {
            report.Row(
                Cell.Of(r.Group),
                Cell.Dollars(r.Spend, r.Unpriced > 0),
                Cell.Of(r.Units),
                r.CostPerUnit is { } c ? Cell.Dollars(c, r.Unpriced > 0) : Cell.Of("-", string.Empty));
        }

        var spend = rows.Sum(r => r.Spend);
        var units = rows.Sum(r => r.Units);
        report.Totals(
            Cell.Of("Total"),
            Cell.Dollars(spend, rows.Any(r => r.Unpriced > 0)),
            Cell.Of(units),
            units == 0 ? Cell.Of("-") : Cell.Dollars(spend / units));
        return report;
    }
}
