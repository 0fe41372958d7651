using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Receipts.Cli.Output;
using Receipts.Domain.Attribution;
using Receipts.Domain.Metrics;
using Receipts.Domain.Pipeline;
using Receipts.Domain.Pricing;
using Receipts.Domain.Storage;
using Spectre.Console;

namespace Receipts.Cli.Commands.Report;

/// <summary><c>receipts report attribution</c>: how much of the spend is placed, by which rule, and what is not.</summary>
internal static class ReportAttributionCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Command Create(CliEnvironment environment)
    {
        var weeks = new Option<int>("--weeks") { Description = "How many ISO weeks, ending with the week of --as-of", DefaultValueFactory = _ => 8 };
        var asOf = new Option<string?>("--as-of") { Description = "Up to the end of this date (YYYY-MM-DD) or this instant (default: now)" };
        var tz = new Option<string?>("--tz") { Description = "IANA zone for ISO weeks (default: timezone: in receipts.yaml, else the machine's)" };
        var config = ConfigLocation.CreateOption();
        var command = new Command(
            "attribution",
            """
            Attribution coverage: the share of dollars placed in a project, by the rule that placed them
            (correction 1.0, tag 0.95, key alias 0.9, repo 0.85, ticket 0.8, path 0.7, person's team
            default 0.5) and by confidence band; the biggest unattributed identities and paths (add them
            to receipts.yaml); and the open disagreements — records two strong rules place differently —
            each fixable with `receipts attribute fix`.

            Examples:
              receipts report attribution
              receipts report attribution --weeks 4 --json
            """)
        {
            weeks, asOf, tz, config,
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
            var until = ReportChangesCommand.ParseDate(context.Get(asOf), "--as-of", environment with { LocalZone = zone }, endOfDay: true) ?? environment.Time.GetUtcNow();
            var since = IsoWeek.Of(until, zone).AddWeeks(-(context.Get(weeks) - 1)).StartIn(zone);
            await using var store = await context.OpenStoreAsync(cancellationToken);
            var prices = await PriceBookLoader.LoadAsync(store, cancellationToken);
            var corrections = await store.ReadCorrectionsAsync(cancellationToken);
            var ledger = await SpendPipeline.RunAsync(store, store as IBillingStore, directory, prices, corrections, since, until, new SpendRun { Zone = zone }, cancellationToken);
            switch (format)
            {
                case OutputFormat.Json:
                    await environment.Out.WriteLineAsync(JsonSerializer.Serialize(ToJson(ledger, since, until), Json));
                    break;
                case OutputFormat.Csv:
                    await environment.Out.WriteAsync(Csv(ledger));
                    break;
                default:
                    Render(Consoles.ForReport(environment), ledger, since, until);
                    break;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    internal static string Band(decimal confidence) => confidence switch
    {
        >= 0.9m => "high",
        >= 0.7m => "medium",
        > 0m => "low",
        _ => "none",
    };

    internal static string Rule(AttributionMethod method) => method switch
    {
        AttributionMethod.KeyAlias => "key-alias",
        AttributionMethod.PersonDefault => "person-default",
        AttributionMethod.Seat => "seat",
        _ => method.ToString().ToLowerInvariant(),
    };

    private static object ToJson(SpendLedger ledger, DateTimeOffset since, DateTimeOffset until)
    {
        var total = ledger.Coverage.Sum(c => c.Amount);
        return new
        {
            since,
            until,
            total = decimal.Round(total, 6),
            coverage = Round(ledger.CoverageShare),
            byRule = ledger.Coverage.Select(c => new
            {
                rule = Rule(c.Method),
                confidence = c.Confidence,
                band = Band(c.Confidence),
                amount = decimal.Round(c.Amount, 6),
                share = total == 0 ? (decimal?)null : decimal.Round(c.Amount / total, 6),
                records = c.Records,
            }),
            byBand = ledger.Coverage.GroupBy(c => Band(c.Confidence)).ToDictionary(g => g.Key, g => decimal.Round(g.Sum(c => c.Amount), 6)),
            unattributedIdentities = ledger.UnattributedIdentities.Select(u => new { identity = u.Identity, amount = decimal.Round(u.Amount, 6), records = u.Records }),
            unattributedPaths = ledger.UnattributedPaths.Select(u => new { path = u.Path, amount = decimal.Round(u.Amount, 6), records = u.Records }),
            disagreements = ledger.Disagreements.Select(d => new
            {
                recordId = d.RecordId,
                sessionId = d.SessionId,
                repo = d.Repo,
                branch = d.Branch,
                at = d.At,
                project = d.Project,
                rule = Rule(d.Method),
                candidates = d.Conflicts.Select(c => new { project = c.Project, rule = Rule(c.Method), confidence = c.Confidence }),
                amount = Round(d.Amount),
                records = d.Records,
            }),
            idleSeats = ledger.IdleSeats.Select(s => new { tool = s.Seat.Tool, person = s.Seat.Person, month = $"{s.Year}-{s.Month:00}", amount = s.Amount }),
            unpricedModels = ledger.UnpricedModels,
        };
    }

    private static decimal? Round(decimal? value) => value is { } v ? decimal.Round(v, 6) : null;

    private static string Csv(SpendLedger ledger)
    {
        var total = ledger.Coverage.Sum(c => c.Amount);
        var b = new StringBuilder("rule,confidence,band,amount,share,records\n");
        foreach (var c in ledger.Coverage)
        {
            b.Append(CultureInfo.InvariantCulture, $"{Rule(c.Method)},{c.Confidence},{Band(c.Confidence)},{decimal.Round(c.Amount, 6)},{(total == 0 ? string.Empty : decimal.Round(c.Amount / total, 6).ToString(CultureInfo.InvariantCulture))},{c.Records}\n");
        }

        return b.ToString();
    }

    private static void Render(IAnsiConsole console, SpendLedger ledger, DateTimeOffset since, DateTimeOffset until)
    {
        var total = ledger.Coverage.Sum(c => c.Amount);
        console.MarkupLineInterpolated($"[bold]Attribution[/] {since:yyyy-MM-dd} to {until:yyyy-MM-dd}: {Money(total)} in all, {(ledger.CoverageShare is { } share ? share.ToString("0.0%", CultureInfo.InvariantCulture) : "-")} placed in a project.");
        var rules = new Table().Border(TableBorder.Rounded).Title("Dollars by rule");
        rules.AddColumns("Rule", "Confidence", "Band", "Dollars", "Share", "Records");
        foreach (var c in ledger.Coverage)
        {
            rules.AddRow(Rule(c.Method), c.Confidence.ToString("0.00", CultureInfo.InvariantCulture), Band(c.Confidence), Money(c.Amount), total == 0 ? "-" : (c.Amount / total).ToString("0.0%", CultureInfo.InvariantCulture), c.Records.ToString("N0", CultureInfo.InvariantCulture));
        }

        console.Write(rules);
        if (ledger.UnattributedIdentities.Count > 0)
        {
            var t = new Table().Border(TableBorder.Rounded).Title("Biggest unattributed (add them to receipts.yaml)");
            t.AddColumns("Identity", "Dollars", "Records", "Path", "Dollars", "Records");
            for (var i = 0; i < Math.Max(ledger.UnattributedIdentities.Count, ledger.UnattributedPaths.Count); i++)
            {
                var id = i < ledger.UnattributedIdentities.Count ? ledger.UnattributedIdentities[i] : default;
                var p = i < ledger.UnattributedPaths.Count ? ledger.UnattributedPaths[i] : default;
                t.AddRow(Markup.Escape(id.Identity ?? string.Empty), id.Identity is null ? string.Empty : Money(id.Amount), id.Identity is null ? string.Empty : id.Records.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(p.Path ?? string.Empty), p.Path is null ? string.Empty : Money(p.Amount), p.Path is null ? string.Empty : p.Records.ToString(CultureInfo.InvariantCulture));
            }

            console.Write(t);
        }

        if (ledger.Disagreements.Count == 0)
        {
            console.WriteLine("No disagreements: no record is claimed by two strong rules.");
        }
        else
        {
            var d = new Table().Border(TableBorder.Rounded).Title($"Disagreements ({ledger.Disagreements.Count}): fix with `receipts attribute fix --session ID --project P --reason \"…\"`");
            d.AddColumns("Session", "Repo / branch", "Placed in", "By", "Also claimed by", "Records", "Dollars");
            foreach (var x in ledger.Disagreements.Take(50))
            {
                d.AddRow(
                    Markup.Escape(x.SessionId ?? x.RecordId),
                    Markup.Escape($"{x.Repo} {x.Branch}"),
                    Markup.Escape(x.Project ?? "-"),
                    Rule(x.Method),
                    Markup.Escape(string.Join(", ", x.Conflicts.Select(c => $"{c.Project} ({Rule(c.Method)})"))),
                    x.Records.ToString(CultureInfo.InvariantCulture),
                    x.Amount is { } a ? Money(a) : "?");
            }

            console.Write(d);
        }

        foreach (var s in ledger.IdleSeats)
        {
            console.MarkupLineInterpolated($"Idle seat: {s.Seat.Tool} of {s.Seat.Person} in {s.Year}-{s.Month:00} ({Money(s.Amount)}): no usage that month.");
        }
    }

    private static string Money(decimal value) => value.ToString("$#,##0.00", CultureInfo.InvariantCulture);
}
