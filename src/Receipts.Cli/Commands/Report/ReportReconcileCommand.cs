using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Receipts.Cli.Output;
using Receipts.Domain.Pipeline;
using Receipts.Domain.Pricing;
using Receipts.Domain.Reconciliation.Reporting;
using Receipts.Domain.Storage;
using Spectre.Console;

namespace Receipts.Cli.Commands.Report;

/// <summary><c>receipts report reconcile</c>: billed against observed against attributed, with the drift.</summary>
internal static class ReportReconcileCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Command Create(CliEnvironment environment)
    {
        var period = new Option<string?>("--period") { Description = "A UTC month (2026-11) or a range of UTC days (2026-11-01..2026-11-15), as `export focus --period` takes it" };
        var month = new Option<string?>("--month") { Description = "One UTC calendar month, YYYY-MM (default: this month so far)" };
        var since = new Option<string?>("--since") { Description = "First UTC day to include, YYYY-MM-DD (instead of --month)" };
        var until = new Option<string?>("--until") { Description = "Last UTC day to include, YYYY-MM-DD (default: today)" };
        var by = new Option<string>("--by") { Description = "One row per provider, billing key (api key, workspace, seat), UTC day, model, or team the dollars reached", DefaultValueFactory = _ => "provider" };
        by.AcceptOnlyFromAmong("provider", "key", "day", "model", "team");
        var tolerance = new Option<decimal>("--tolerance")
        {
            Description = "Flag a row when billed and observed differ by more than this percentage of billed",
            DefaultValueFactory = _ => 5m,
        };
        var config = ConfigLocation.CreateOption();
        var command = new Command(
            "reconcile",
            """
            Reconcile the bill with what Receipts observed: per provider, key, day, model or team, the billed dollars
            (billing APIs, FOCUS files), the observed dollars (usage records at list price), the drift between
            them over the cells both cover, billed dollars no usage explains ("billed, not observed": a key no
            importer sees), usage no bill covers yet ("observed, not billed": its estimate stands), and where
            the dollars went (attributed to a project or not). Cells are (provider, UTC day, key, model); days
            are UTC because bills are. Rows past --tolerance are flagged.

            Examples:
              receipts report reconcile --month 2026-11
              receipts report reconcile --period 2026-11-01..2026-11-15 --by team
              receipts report reconcile --month 2026-11 --by key
              receipts report reconcile --since 2026-11-01 --until 2026-11-15 --by day --json
              receipts report reconcile --by model --tolerance 2 --csv > drift.csv
              receipts report reconcile --month 2026-11 --by team
            """)
        {
            period, month, since, until, by, tolerance, config,
        };
        var output = OutputOptions.AddTo(command);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var format = output.Resolve(parseResult);
            var (from, to) = Period(context.Get(period), context.Get(month), context.Get(since), context.Get(until), environment.Time.GetUtcNow());
            var percent = context.Get(tolerance);
            if (percent is < 0 or > 100)
            {
                throw new UserException($"--tolerance {percent} is out of range.", "Give a percentage from 0 to 100, e.g. --tolerance 5.");
            }

            var grouping = context.Get(by) switch
            {
                "key" => ReconcileGrouping.Key,
                "day" => ReconcileGrouping.Day,
                "model" => ReconcileGrouping.Model,
                "team" => ReconcileGrouping.Team,
                _ => ReconcileGrouping.Provider,
            };
            var directory = new DirectoryView(await ConfigLocation.LoadAsync(context.Get(config), environment, cancellationToken));
            await using var store = await context.OpenStoreAsync(cancellationToken);
            var prices = await PriceBookLoader.LoadAsync(store, cancellationToken);
            var corrections = await store.ReadCorrectionsAsync(cancellationToken);
            var report = await ReconcileService.RunAsync(store, store as IBillingStore, directory, prices, corrections, from, to, grouping, percent / 100m, cancellationToken);
            switch (format)
            {
                case OutputFormat.Json:
                    await environment.Out.WriteLineAsync(JsonSerializer.Serialize(ReconcileJson.From(report), Json));
                    break;
                case OutputFormat.Csv:
                    await environment.Out.WriteAsync(Csv(report));
                    break;
                default:
                    Render(Consoles.ForReport(environment), report);
                    break;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The UTC period: --period (a month, or FROM..TO days inclusive), a month, or days from --since to --until
    /// inclusive; by default this month so far.
    /// </summary>
    internal static (DateTimeOffset Since, DateTimeOffset Until) Period(string? period, string? month, string? since, string? until, DateTimeOffset now)
    {
        if (period is not null)
        {
            if (month is not null || since is not null || until is not null)
            {
                throw new UserException("--period cannot be combined with --month, --since or --until.", "Use one of them, e.g. --period 2026-11 or --period 2026-11-01..2026-11-15.");
            }

            var parts = period.Trim().Split("..");
            if (parts.Length == 1)
            {
                return Period(null, parts[0], null, null, now);
            }

            if (parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0)
            {
                return Period(null, null, parts[0], parts[1], now);
            }

            throw new UserException($"--period '{period}' is not a month or a range of days.", "Write 2026-11 or 2026-11-01..2026-11-15.");
        }

        if (month is not null && (since is not null || until is not null))
        {
            throw new UserException("--month cannot be combined with --since or --until.", "Use --month 2026-11, or --since 2026-11-01 --until 2026-11-15.");
        }

        if (month is not null)
        {
            if (!DateOnly.TryParseExact(month.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            {
                throw new UserException($"--month '{month}' is not a month.", "Write it as YYYY-MM, e.g. --month 2026-11.");
            }

            return (Midnight(first), Midnight(first.AddMonths(1)));
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var to = Day(until, "--until") ?? today;
        var from = Day(since, "--since") ?? new DateOnly(to.Year, to.Month, 1);
        if (from > to)
        {
            throw new UserException($"--since {from:yyyy-MM-dd} is after --until {to:yyyy-MM-dd}.", "Swap the two dates.");
        }

        return (Midnight(from), Midnight(to.AddDays(1)));
    }

    private static DateOnly? Day(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new UserException($"{option} '{text}' is not a date.", "Write UTC days as YYYY-MM-DD, e.g. 2026-11-01.");
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    internal static string Status(ReconcileStatus status) => status switch
    {
        ReconcileStatus.Drift => "drift",
        ReconcileStatus.Unobserved => "billed-not-observed",
        ReconcileStatus.Unbilled => "observed-not-billed",
        ReconcileStatus.Empty => "empty",
        _ => "ok",
    };

    private static string Csv(ReconcileReport report)
    {
        var b = new StringBuilder("group,billed,observed,drift,drift_pct,billed_not_observed,observed_not_billed,attributed,unattributed,cells,records,status\n");
        foreach (var row in report.Rows.Append(report.Total))
        {
            var f = row.Figures;
            b.Append(CultureInfo.InvariantCulture, $"{CsvText(row.Group)},{f.Billed},{R(f.Observed)},{R(f.Drift)},{(f.DriftShare is { } s ? R(s * 100).ToString(CultureInfo.InvariantCulture) : string.Empty)},{f.UnobservedBilled},{R(f.UnbilledObserved)},{R(f.Attributed)},{R(f.Unattributed)},{f.Cells},{f.Records},{Status(row.Status)}\n");
        }

        return b.ToString();
    }

    private static string CsvText(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static decimal R(decimal value) => decimal.Round(value, 6);

    private static void Render(IAnsiConsole console, ReconcileReport report)
    {
        var total = report.Total.Figures;
        console.MarkupLineInterpolated(
            $"[bold]Reconciliation[/] {report.Since:yyyy-MM-dd} to {report.Until.AddDays(-1):yyyy-MM-dd} (UTC): billed {Money(total.Billed)}, observed {Money(total.Observed)}, drift {Money(total.Drift)}{(total.DriftShare is { } s ? $" ({Percent(s)})" : string.Empty)} on cells both cover; tolerance {Percent(report.Tolerance)}.");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("Group", "Billed", "Observed", "Drift", "Drift %", "Billed, not observed", "Observed, not billed", "Attributed", "Unattributed", "Status");
        foreach (var column in table.Columns.Skip(1).Take(8))
        {
            column.RightAligned();
        }

        foreach (var row in report.Rows)
        {
            table.AddRow(Cells(row));
        }

        table.AddRow(Cells(report.Total).Select(c => $"[bold]{c}[/]").ToArray());
        console.Write(table);
        if (report.Unobserved.Count > 0)
        {
            var t = new Table().Border(TableBorder.Rounded).Title("Billed, not observed (import the source that sees these keys, or map them in receipts.yaml)");
            t.AddColumns("Provider", "Day", "Key", "Model", "Billed");
            foreach (var c in report.Unobserved)
            {
                t.AddRow(Markup.Escape(c.Cell.Provider), c.Cell.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Markup.Escape($"{ReconcileReportBuilder.KindName(c.Cell.IdentityKind)}:{c.Key}"), Markup.Escape(c.Cell.Model), Money(c.Billed ?? 0));
            }

            console.Write(t);
        }

        if (report.Unbilled.Count > 0)
        {
            var t = new Table().Border(TableBorder.Rounded).Title("Observed, not billed (estimates stand until billing for them is imported)");
            t.AddColumns("Provider", "Day", "Key", "Model", "Observed", "Records");
            foreach (var c in report.Unbilled)
            {
                t.AddRow(Markup.Escape(c.Cell.Provider), c.Cell.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Markup.Escape($"{ReconcileReportBuilder.KindName(c.Cell.IdentityKind)}:{c.Key}"), Markup.Escape(c.Cell.Model), Money(c.Observed), c.Records.ToString("N0", CultureInfo.InvariantCulture));
            }

            console.Write(t);
        }

        if (report.Seats.Billed != 0)
        {
            console.MarkupLineInterpolated($"Seats: {Money(report.Seats.Billed)} in the period, {Money(report.Seats.Attributed)} spread over projects by usage, {report.Seats.IdleSeatMonths} idle seat-month(s).");
        }

        if (report.UnpricedModels.Count > 0)
        {
            console.MarkupLineInterpolated($"[yellow]No price for {string.Join(", ", report.UnpricedModels)}[/]: their usage is not in observed dollars (add prices with `receipts prices import`).");
        }
    }

    private static string[] Cells(ReconcileRow row)
    {
        var f = row.Figures;
        var status = Status(row.Status);
        return
        [
            Markup.Escape(row.Group), Money(f.Billed), Money(f.Observed), Money(f.Drift), f.DriftShare is { } s ? Percent(s) : "-",
            Money(f.UnobservedBilled), Money(f.UnbilledObserved), Money(f.Attributed), Money(f.Unattributed),
            row.Status is ReconcileStatus.Ok or ReconcileStatus.Empty ? status : $"[yellow]{status}[/]",
        ];
    }

    private static string Money(decimal value) => value.ToString("$#,##0.00;-$#,##0.00", CultureInfo.InvariantCulture);

    private static string Percent(decimal share) => share.ToString("0.0%", CultureInfo.InvariantCulture);
}
