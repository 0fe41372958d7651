using System.CommandLine;
using Receipts.Cli.Commands.Prices;
using Receipts.Cli.Output;
using Receipts.Domain.Pricing;
using Receipts.Domain.Reports;
using Receipts.Domain.Storage;

namespace Receipts.Cli.Commands.Report;

/// <summary><c>receipts report usage</c>: tokens and list-price cost by day, week, month, session, project, branch or model.</summary>
internal static class ReportUsageCommand
{
    public const string EmptyStoreMessage = "No usage yet. Import some with `receipts import claude-code`.";

    private static readonly Dictionary<string, UsageGrouping> Groupings = new(StringComparer.Ordinal)
    {
        ["day"] = UsageGrouping.Day,
        ["week"] = UsageGrouping.Week,
        ["month"] = UsageGrouping.Month,
        ["session"] = UsageGrouping.Session,
        ["project"] = UsageGrouping.Project,
        ["branch"] = UsageGrouping.Branch,
        ["model"] = UsageGrouping.Model,
    };

    public static Command Create(CliEnvironment environment)
    {
        var command = new Command(
            "usage",
            """
            Tokens and cost of AI usage, grouped by day, ISO week, month, session, project, branch or model.
            Costs are list-price estimates from the price book (`receipts prices list`) unless the source
            gave a cost; a model with no price shows its tokens and "?" for cost, and is named in a warning.
            Days, weeks and months are taken in --tz (default: this machine's zone).

            Examples:
              receipts report usage
              receipts report usage --by week --tz Europe/Berlin
              receipts report usage --by project --since 2026-11-01 --until 2026-11-30
              receipts report usage --by day --json > daily.json      (ccusage daily --json field names)
              receipts report usage --by session --csv > sessions.csv
            """);
        var by = new Option<string>("--by")
        {
            Description = "How to group: day, week, month, session, project, branch or model",
            DefaultValueFactory = _ => "day",
        };
        by.AcceptOnlyFromAmong([.. Groupings.Keys]);
        command.Options.Add(by);
        var period = PeriodOptions.AddTo(command);
        var output = OutputOptions.AddTo(command);

        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var format = output.Resolve(parseResult);
            var grouping = Groupings[parseResult.GetValue(by) ?? "day"];
            var choice = period.Resolve(parseResult, environment);

            await using var store = await context.OpenStoreAsync(cancellationToken);
            var aggregator = new UsageAggregator(grouping, choice.Zone, new Pricer(await PriceBookLoader.LoadAsync(store, cancellationToken)));
            if (await store.CountUsageAsync(cancellationToken) == 0)
            {
                return await WriteEmptyAsync(environment, format, aggregator.Build(), EmptyStoreMessage);
            }

            // The store sums records in SQL (one group per local day, model, tier, … and side of the long-context
            // threshold), so a large ledger is not read row by row; a session's project needs its latest record.
            var report = grouping == UsageGrouping.Session
                ? await aggregator.AddAllAsync(store.ReadUsageForReportAsync(new UsageFilter { Since = choice.SinceUtc, Until = choice.UntilUtc }, cancellationToken), cancellationToken)
                : await aggregator.AddAllAsync(
                    store.ReadUsageGroupsAsync(
                        new UsageGroupFilter
                        {
                            Since = choice.SinceUtc,
                            Until = choice.UntilUtc,
                            Zone = choice.Zone,

                            // Rows by time or model need no session, repo, branch or folder: far fewer groups to sum and read.
                            MixContext = grouping is UsageGrouping.Day or UsageGrouping.Week or UsageGrouping.Month or UsageGrouping.Model,
                        },
                        cancellationToken),
                    cancellationToken);
            if (report.IsEmpty)
            {
                return await WriteEmptyAsync(environment, format, report, $"No usage {Describe(choice)}.");
            }

            Write(environment, format, report);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(CliEnvironment environment, OutputFormat format, UsageReport report)
    {
        switch (format)
        {
            case OutputFormat.Json:
                UsageReportView.WriteJson(environment.Out, report);
                break;
            case OutputFormat.Csv:
                UsageReportView.WriteCsv(environment.Out, report);
                break;
            default:
                UsageReportView.WriteTable(Consoles.ForReport(environment), report);
                break;
        }
    }

    // Scripts still get a well-formed (empty) document on stdout; the sentence goes where people look.
    private static async Task<int> WriteEmptyAsync(CliEnvironment environment, OutputFormat format, UsageReport empty, string message)
    {
        if (format == OutputFormat.Table)
        {
            await environment.Out.WriteLineAsync(message);
            return ExitCodes.Ok;
        }

        Write(environment, format, empty);
        await environment.Error.WriteLineAsync(message);
        return ExitCodes.Ok;
    }

    private static string Describe(ReportPeriodChoice choice) => (choice.Since, choice.Until) switch
    {
        ({ } s, { } u) => $"from {s:yyyy-MM-dd} to {u:yyyy-MM-dd} ({choice.Zone.Id})",
        ({ } s, null) => $"since {s:yyyy-MM-dd} ({choice.Zone.Id})",
        (null, { } u) => $"until {u:yyyy-MM-dd} ({choice.Zone.Id})",
        _ => "in the store",
    };
}
