using System.CommandLine;
using System.Globalization;
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
        var command = new Command(
            "focus",
            """
            Write Receipts' AI costs as a FOCUS 1.2 CSV: one row per UTC day, provider, workspace, API key, model, tier
            and tool, with token splits and the cost basis (billed or estimated) in x_ columns and team, project and
            confidence as tags ("unattributed" until attribution rules exist).

            Examples:
              receipts export focus --period 2026-03 --out receipts-2026-03.csv
              receipts export focus --period 2026-03-01..2026-03-07 > week.csv
            """);
        command.Options.Add(period);
        command.Options.Add(output);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var filter = Filter(context.Get(period));
            await using var store = await context.OpenStoreAsync(cancellationToken);
            var exporter = new FocusExporter(store, new FocusRowBuilder(_ => FocusAttribution.Unattributed));
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

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
