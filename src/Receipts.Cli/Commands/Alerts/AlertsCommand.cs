using System.CommandLine;
using System.Globalization;
using Receipts.Cli.Output;
using Receipts.Domain.Alerts;
using Spectre.Console;

namespace Receipts.Cli.Commands.Alerts;

/// <summary><c>receipts alerts [--json]</c> lists stored alerts; <c>receipts alerts check</c> runs the checks.</summary>
internal static class AlertsCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var since = new Option<string?>("--since") { Description = "Only alerts raised on or after this day (YYYY-MM-DD, UTC)" };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first (default 50)", DefaultValueFactory = _ => 50 };
        var command = new Command(
            "alerts",
            """
            List the alerts raised: budget thresholds and forecasts, spend spikes and drifts, cost-per-call jumps,
            runaway hours and dev/test traffic on production keys, with how each was delivered.
            Run the checks with `receipts alerts check` (from cron, or after each import).

            Examples:
              receipts alerts
              receipts alerts --since 2026-11-01 --json
              receipts alerts check
            """);
        command.Options.Add(json);
        command.Options.Add(since);
        command.Options.Add(limit);
        command.Subcommands.Add(AlertsCheckCommand.Create(environment));
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            DateTimeOffset? from = null;
            if (context.Get(since) is { } text)
            {
                from = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                    ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
                    : throw new UserException($"--since '{text}' is not a date.", "Use YYYY-MM-DD.");
            }

            var max = context.Get(limit);
            if (max <= 0)
            {
                throw new UserException("--limit must be at least 1.", "For example --limit 100.");
            }

            await using var store = await context.OpenStoreAsync(cancellationToken);
            var alerts = await store.ReadAlertsAsync(from, max, cancellationToken);
            var deliveries = (await store.ReadDeliveriesAsync([.. alerts.Select(a => a.Key)], cancellationToken)).ToLookup(d => d.AlertKey);
            if (context.Get(json))
            {
                JsonOutput.Write(environment.Out, w =>
                {
                    w.WriteStartArray();
                    foreach (var alert in alerts)
                    {
                        AlertJson.Write(w, alert, deliveries[alert.Key]);
                    }

                    w.WriteEndArray();
                });
                return ExitCodes.Ok;
            }

            if (alerts.Count == 0)
            {
                await environment.Error.WriteLineAsync("No alerts yet. Run the checks with: receipts alerts check");
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumns("Raised (UTC)", "Severity", "Kind", "Alert", "Delivered");
            foreach (var alert in alerts)
            {
                table.AddRow(
                    new Text(alert.RaisedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
                    new Text(alert.Severity.ToString().ToLowerInvariant()),
                    new Text(AlertJson.KindName(alert.Kind)),
                    new Markup($"[bold]{Markup.Escape(alert.Title)}[/]\n{Markup.Escape(alert.Detail)}"),
                    new Text(DeliverySummary(deliveries[alert.Key])));
            }

            environment.OutConsole().Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static string DeliverySummary(IEnumerable<AlertDelivery> deliveries)
    {
        var list = deliveries.ToList();
        return list.Count == 0
            ? "stored only"
            : string.Join("\n", list.Select(d => d.Delivered ? $"{d.Channel}: ok" : $"{d.Channel}: failed after {d.Attempts} ({d.Error})"));
    }
}
