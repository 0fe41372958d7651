using System.CommandLine;
using System.Globalization;
using Receipts.Cli.Commands.Report;
using Receipts.Domain.Metrics;
using Receipts.Domain.Pipeline;
using Receipts.Domain.Storage;

namespace Receipts.Cli.Commands.Attribute;

/// <summary>
/// <c>receipts attribute run</c>: runs the pipeline (pricing, attribution, reconciliation, verification) and
/// replaces the derived tables under the reporting views (docs/views.md) in one transaction.
/// </summary>
internal static class AttributeRunCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var weeks = new Option<int>("--weeks") { Description = "How many ISO weeks of spend to derive, ending with the week of --as-of", DefaultValueFactory = _ => 26 };
        var asOf = new Option<string?>("--as-of") { Description = "Derive as of the end of this date (YYYY-MM-DD) or this instant (default: now)" };
        var tz = new Option<string?>("--tz") { Description = "IANA zone for ISO weeks (default: timezone: in receipts.yaml, else the machine's)" };
        var config = ConfigLocation.CreateOption();
        var command = new Command(
            "run",
            """
            Runs attribution, reconciliation and outcome verification and writes the results to the
            derived tables (derived_spend, derived_changes, derived_meta) that the reporting views
            receipts_spend_weekly, receipts_changes and receipts_cpvo_weekly read. Point Metabase,
            Grafana or a notebook at those views (docs/views.md). The tables are replaced whole, in one
            transaction: run it after imports, or on a schedule (cron, CI).

            Examples:
              receipts attribute run
              receipts attribute run --weeks 52
              receipts attribute run --as-of 2026-11-20 --tz Europe/Berlin
            """)
        {
            weeks, asOf, tz, config,
        };
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            if (context.Get(weeks) is < 1 or > 520)
            {
                throw new UserException($"--weeks {context.Get(weeks)} is out of range.", "Use 1 to 520 weeks.");
            }

            var directory = new DirectoryView(await ConfigLocation.LoadAsync(context.Get(config), environment, cancellationToken));
            var zone = ReportZone.Resolve(context.Get(tz), directory, environment);
            var request = new CpvoService.Request(
                CpvoGrouping.Team,
                context.Get(weeks),
                ReportChangesCommand.ParseDate(context.Get(asOf), "--as-of", environment with { LocalZone = zone }, endOfDay: true) ?? environment.Time.GetUtcNow(),
                zone,
                Trend: false);
            await using var store = await context.OpenStoreAsync(cancellationToken);
            var result = await CpvoService.RunAsync(store, directory, request, cancellationToken);
            var links = ChangeCostLinker.Link(result.Outcomes, result.Ledger.Items);
            // Changes of the same weeks as the spend, so no view shows outcomes against spend it never derived.
            var changes = result.Outcomes.Where(o => o.MergedAt >= result.Since).ToList();
            var costs = new Dictionary<(string, string), decimal>();
            foreach (var o in changes)
            {
                if (links.CostOf(o) is { } cost)
                {
                    costs[(o.Repo, o.Id)] = cost;
                }
            }

            var facts = new DerivedFacts
            {
                ComputedAt = environment.Time.GetUtcNow(),
                AsOf = request.AsOf,
                Since = result.Since,
                Zone = zone,
                Spend = result.Ledger.Items,
                Changes = changes,
                Cordoned = directory.Cordoned,
                ChangeCosts = costs,
            };
            await store.ReplaceDerivedAsync(facts, cancellationToken);
            var spend = result.Ledger.Items.Sum(i => i.Amount ?? 0m);
            await environment.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Derived {facts.Spend.Count:N0} spend rows ({spend:$#,##0.00}) from {result.Since:yyyy-MM-dd} and {facts.Changes.Count:N0} changes, weeks in {zone.Id}, as of {request.AsOf:yyyy-MM-dd HH:mm} UTC."));
            await environment.Out.WriteLineAsync($"Query them in {store.Path}: {string.Join(", ", DerivedViews.All)} (see docs/views.md).");
            return ExitCodes.Ok;
        });
        return command;
    }
}
