using Receipts.Domain.Pricing;
using System.CommandLine;
using System.Globalization;
using Receipts.Cli.Commands.Prices;
using Receipts.Cli.Output;
using Receipts.Sources.Alerts;
using Spectre.Console;

namespace Receipts.Cli.Commands.Alerts;

/// <summary><c>receipts alerts check [--as-of DATE] [--dry-run] [--json]</c>.</summary>
internal static class AlertsCheckCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var asOf = AsOfOption.Create();
        var config = ConfigLocation.CreateOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be raised; store and send nothing" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a summary" };
        var command = new Command(
            "check",
            """
            Run the budget and anomaly checks over the spend in the store, keep the alerts not raised before
            (each threshold and forecast once per period; each anomaly once) and send them to the channels of
            receipts.yaml's alerts: section. A failing channel is retried and never holds up the others.
            Daily checks look at the last complete day; runaway checks at the last and the current hour.

            Examples:
              receipts alerts check
              receipts alerts check --as-of 2026-11-20 --dry-run
              receipts alerts check --json
            """);
        command.Options.Add(asOf);
        command.Options.Add(config);
        command.Options.Add(dryRun);
        command.Options.Add(json);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var directory = await ConfigLocation.LoadAsync(context.Get(config), environment, cancellationToken);
            var zone = directory.TimeZone is { } name ? TimeZoneInfo.FindSystemTimeZoneById(name) : environment.LocalZone;
            var instant = AsOfOption.Resolve(context.Get(asOf), zone, environment.Time);
            await using var store = await context.OpenStoreAsync(cancellationToken);
            var budgets = await EffectiveBudgets.LoadAsync(directory, store, cancellationToken);
            var prices = await PriceBookLoader.LoadAsync(store, cancellationToken);
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var (channels, problems) = AlertChannels.Create(directory.Alerts, environment.GetVariable, http, new AlertDeliveryOptions { Time = environment.Time });
            foreach (var problem in problems)
            {
                environment.ErrorConsole().MarkupLineInterpolated($"[yellow]warning:[/] channel {problem}");
            }

            var check = new AlertCheck(new Receipts.Domain.Pipeline.AttributedSpendSource<Receipts.Storage.DuckDb.DuckDbStore>(store, new Receipts.Domain.Pipeline.DirectoryView(directory), prices), store, new AlertDispatcher(channels, environment.Time), environment.Time);
            var result = await check.RunAsync(budgets, directory, instant, zone, context.Get(dryRun), cancellationToken);
            var deliveries = result.Deliveries.ToLookup(d => d.AlertKey);
            if (context.Get(json))
            {
                JsonOutput.Write(environment.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("asOf", instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                    w.WriteNumber("items", result.Items);
                    w.WriteNumber("found", result.Found.Count);
                    w.WriteBoolean("dryRun", context.Get(dryRun));
                    w.WriteStartArray("raised");
                    foreach (var alert in result.Raised)
                    {
                        AlertJson.Write(w, alert, deliveries[alert.Key]);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                return ExitCodes.Ok;
            }

            var console = environment.OutConsole();
            var verb = context.Get(dryRun) ? "would raise" : "raised";
            console.MarkupLineInterpolated(
                $"Checked {result.Items:N0} spend items and {budgets.Count} budgets as of {instant.UtcDateTime:yyyy-MM-dd HH:mm} UTC: {result.Found.Count} alerts found, {result.Raised.Count} new ({verb}), {channels.Count} channels.");
            if (result.Raised.Count > 0)
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumns("Severity", "Alert", "Delivered");
                foreach (var alert in result.Raised)
                {
                    table.AddRow(
                        new Text(alert.Severity.ToString().ToLowerInvariant()),
                        new Markup($"[bold]{Markup.Escape(alert.Title)}[/]\n{Markup.Escape(alert.Detail)}"),
                        new Text(context.Get(dryRun) ? "-" : AlertsCommand.DeliverySummary(deliveries[alert.Key])));
                }

                console.Write(table);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
