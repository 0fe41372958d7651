using System.CommandLine;
using System.Globalization;
using Receipts.Domain.Attribution;
using Receipts.Domain.Pipeline;
using Receipts.Domain.Pricing;
using Receipts.Domain.Storage;
using Receipts.Sources.Focus;

namespace Receipts.Cli.Commands.Export;

/// <summary><c>receipts export focus</c>: Receipts' costs as a FOCUS 1.2 CSV.</summary>
internal static class ExportFocusCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var period = new Option<string?>("--period")
        {
            Description = "A month (2026-03) or a range of UTC days (2026-03-01..2026-03-15, end inclusive); default: everything",
        };
        var output = new Option<string?>("--out", "-o") { Description = "Write to this file (default: stdout)" };
        var config = ConfigLocation.CreateOption();
        var command = new Command(
            "focus",
            """
            Write Receipts' attributed AI costs as a FOCUS 1.2 CSV for FinOps tools: one row per UTC day, provider,
            workspace, API key, model, tier, tool and attribution. Dollars are the reconciled ones (a share of the
            bill where billing covers the cell, else the price-book estimate; x_CostBasis says which); team,
            project, person, rule and confidence are Tags and x_Team, x_Project, x_Person, x_AttributionRule,
            x_AttributionConfidence columns (rules from receipts.yaml and `receipts attribute fix`). Billed cells
            no usage explains and seats are rows too, so the file sums to what `receipts report attribution` shows.

            Examples:
              receipts export focus --period 2026-03 --out receipts-2026-03.csv
              receipts export focus --period 2026-03-01..2026-03-07 > week.csv
            """);
        command.Options.Add(period);
        command.Options.Add(output);
        command.Options.Add(config);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var filter = Filter(context.Get(period));
            var directory = new DirectoryView(await ConfigLocation.LoadAsync(context.Get(config), environment, cancellationToken));
            await using var store = await context.OpenStoreAsync(cancellationToken);
            var prices = await PriceBookLoader.LoadAsync(store, cancellationToken);
            var corrections = await store.ReadCorrectionsAsync(cancellationToken);

            // Without --period, everything up to the end of today (seats are charged day by day up to it).
            var since = filter.Since ?? EarliestExport;
            var until = filter.Until ?? Midnight(DateOnly.FromDateTime(environment.Time.GetUtcNow().UtcDateTime).AddDays(1));
            var ledger = await SpendPipeline.RunAsync(store, store as IBillingStore, directory, prices, corrections, since, until, new SpendRun { EachRecord = true }, cancellationToken);
            var spend = new LedgerSpend(ledger, new Attributor(directory.Attribution, corrections));
            var exporter = new FocusExporter(store, new FocusRowBuilder(cell => cell.Attribution), spend);
            if (context.Get(output) is { } file)
            {
                var path = Path.GetFullPath(file, environment.WorkingDirectory);
                var temp = path + ".tmp";
                int rows;
                await using (var writer = new StreamWriter(temp, append: false, new System.Text.UTF8Encoding(false)))
                {
                    rows = await exporter.ExportAsync(filter, writer, cancellationToken);
                }

                File.Move(temp, path, overwrite: true);
                await environment.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Wrote {rows:N0} rows to {path}."));
            }
            else
            {
                await exporter.ExportAsync(filter, environment.Out, cancellationToken);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    internal static UsageFilter Filter(string? period)
    {
        if (period is null)
        {
            return UsageFilter.All;
        }

        var parts = period.Split("..");
        if (parts.Length == 1 && DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return new UsageFilter { Since = Midnight(month), Until = Midnight(month.AddMonths(1)) };
        }

        if (parts.Length == 2
            && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
            && from <= to)
        {
            return new UsageFilter { Since = Midnight(from), Until = Midnight(to.AddDays(1)) };
        }

        throw new UserException($"--period '{period}' is not a month or a range of days.", "Write 2026-03 or 2026-03-01..2026-03-15.");
    }

    private static readonly DateTimeOffset EarliestExport = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
