using System.CommandLine;
using System.Globalization;
using Receipts.Cli.Commands.Alerts;
using Receipts.Cli.Commands.Prices;
using Receipts.Cli.Output;
using Receipts.Domain.Budgets;
using Receipts.Domain.Pricing;
using Receipts.Domain.Metrics;

namespace Receipts.Cli.Commands.Budget;

/// <summary><c>receipts budget list</c>: each budget's period, spent, used, forecast with its range, state.</summary>
internal static class BudgetListCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var asOf = AsOfOption.Create();
        var config = ConfigLocation.CreateOption();
        var command = new Command(
            "list",
            """
            List the budgets in force with the current period's spend, the share used and the forecast for the
            period's end with its 80% range (run rate with a weekday profile: weekends are quiet).
            State: ok, watch (expected over), at-risk (forecast to exceed: even the low end is over), over.

            Examples:
              receipts budget list
              receipts budget list --as-of 2026-11-15 --json
            """);
        command.Options.Add(asOf);
        command.Options.Add(config);
        var output = OutputOptions.AddTo(command);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var format = output.Resolve(parseResult);
            var directory = await ConfigLocation.LoadAsync(context.Get(config), environment, cancellationToken);
            var zone = directory.TimeZone is { } name ? TimeZoneInfo.FindSystemTimeZoneById(name) : environment.LocalZone;
            var instant = AsOfOption.Resolve(context.Get(asOf), zone, environment.Time);
            await using var store = await context.OpenStoreAsync(cancellationToken);
            var budgets = await EffectiveBudgets.LoadAsync(directory, store, cancellationToken);
            if (budgets.Count == 0 && format != OutputFormat.Json)
            {
                await environment.Error.WriteLineAsync("No budgets yet. Set one with: receipts budget set --team payments --monthly 5000 (or budgets: in receipts.yaml)");
                return ExitCodes.Ok;
            }

            var prices = await PriceBookLoader.LoadAsync(store, cancellationToken);
            var source = new Receipts.Domain.Pipeline.AttributedSpendSource<Receipts.Storage.DuckDb.DuckDbStore>(store, new Receipts.Domain.Pipeline.DirectoryView(directory), prices);
            var items = new List<SpendItem>();
            await foreach (var item in source.ReadAsync(BudgetEvaluator.ReadFrom(budgets, instant, zone), instant, cancellationToken))
            {
                items.Add(item);
            }

            var statuses = BudgetEvaluator.Evaluate(budgets, items, instant, zone);
            if (format == OutputFormat.Json)
            {
                JsonOutput.Write(environment.Out, w =>
                {
                    w.WriteStartArray();
                    foreach (var s in statuses)
                    {
                        w.WriteStartObject();
                        w.WriteString("scope", Domain.Budgets.Budget.ScopeName(s.Budget.Scope));
                        w.WriteString("name", s.Budget.Name);
                        w.WriteString("period", s.Budget.Period.ToString().ToLowerInvariant());
                        w.WriteString("periodLabel", s.PeriodLabel);
                        w.WriteMoney("amount", s.Budget.Amount);
                        w.WriteMoney("spent", s.Forecast.Spent);
                        w.WriteMoney("used", decimal.Round(s.Used, 4));
                        w.WriteMoney("forecast", s.Forecast.Expected);
                        w.WriteMoney("forecastLow", s.Forecast.Low);
                        w.WriteMoney("forecastHigh", s.Forecast.High);
                        w.WriteNumber("daysElapsed", s.Forecast.DaysElapsed);
                        w.WriteNumber("daysInPeriod", s.Forecast.DaysInPeriod);
                        w.WriteString("state", s.State);
                        w.WriteString("origin", s.Budget.Origin);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
                return ExitCodes.Ok;
            }

            var report = new TabularReport()
                .Column("Budget", "budget")
                .Column("Period", "period")
                .Column("Amount", "amount")
                .Column("Spent", "spent")
                .Column("Used", "used")
                .Column("Forecast", "forecast")
                .Column("80% range", "forecast_range")
                .Column("State", "state")
                .Column("From", "origin");
            foreach (var s in statuses)
            {
                report.Row(
                    Cell.Of(s.Budget.Label),
                    Cell.Of(string.Create(CultureInfo.InvariantCulture, $"{s.PeriodLabel} (day {Math.Min(s.Forecast.DaysElapsed + 1, s.Forecast.DaysInPeriod)}/{s.Forecast.DaysInPeriod})")),
                    Cell.Dollars(s.Budget.Amount),
                    Cell.Dollars(s.Forecast.Spent),
                    Cell.Of((s.Used * 100m).ToString("0", CultureInfo.InvariantCulture) + "%", decimal.Round(s.Used, 4).ToString(CultureInfo.InvariantCulture)),
                    Cell.Dollars(s.Forecast.Expected),
                    Cell.Of($"{Formats.Dollars(s.Forecast.Low)}–{Formats.Dollars(s.Forecast.High)}", $"{s.Forecast.Low.ToString(CultureInfo.InvariantCulture)}-{s.Forecast.High.ToString(CultureInfo.InvariantCulture)}"),
                    Cell.Of(s.State),
                    Cell.Of(s.Budget.Origin));
            }

            if (format == OutputFormat.Csv)
            {
                report.WriteCsv(environment.Out);
            }
            else
            {
                report.WriteTable(environment.OutConsole());
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
