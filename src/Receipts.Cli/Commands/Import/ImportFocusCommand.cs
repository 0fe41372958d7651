using System.CommandLine;
using System.Globalization;
using Receipts.Sources.Focus;
using Spectre.Console;

namespace Receipts.Cli.Commands.Import;

/// <summary><c>receipts import focus FILE...</c>: FOCUS 1.0–1.3 cost files (CSV, CSV.gz, Parquet).</summary>
internal static class ImportFocusCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "FOCUS files: .csv, .csv.gz or .parquet (FOCUS 1.0, 1.1, 1.2 or 1.3 column names)",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var command = new Command(
            "focus",
            """
            Import FOCUS cost and usage files: AWS Bedrock, cloud marketplaces and any provider without its own importer.
            Each (provider, billing account, billing period) in the files replaces what an earlier import stored for it,
            so re-importing a file changes nothing; import all parts of a split export together.
            A bad row stops the import with file:line:column and nothing is written.

            Examples:
              receipts import focus aws-focus-2026-03.csv
              receipts import focus exports/*.parquet --json
            """);
        command.Arguments.Add(files);
        command.Options.Add(json);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var paths = context.Get(files)!.Select(f => Path.GetFullPath(f, environment.WorkingDirectory)).ToList();
            foreach (var path in paths.Where(p => !File.Exists(p)))
            {
                throw new UserException($"No such file: {path}", "Check the path; FOCUS files end in .csv, .csv.gz or .parquet.");
            }

            await using var store = await context.OpenStoreAsync(cancellationToken);
            var progress = environment.Interactive
                ? new Progress<long>(rows => environment.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\rread {rows:N0} rows")))
                : null;
            FocusImportSummary summary;
            try
            {
                summary = await new FocusImporter(store, environment.Time).ImportAsync(paths, progress, cancellationToken);
            }
            catch (FocusFormatException e)
            {
                foreach (var error in e.Errors.Skip(1))
                {
                    await environment.Error.WriteLineAsync(error.ToString());
                }

                throw new UserException(
                    $"{e.Errors[0]}{(e.Errors.Count > 1 ? $" (and {e.Errors.Count - 1} more above)" : string.Empty)}; nothing was imported.",
                    "Fix the rows named (file:line:column) and run the import again.");
            }
            finally
            {
                if (progress is not null)
                {
                    await environment.Error.WriteLineAsync();
                }
            }

            BillingSummaryOutput.Write(environment, json: context.Get(json), new BillingSummary
            {
                Source = "focus",
                Rows = summary.Rows,
                From = summary.From,
                Until = summary.Until,
                Amounts = summary.Amounts,
                Replaced = summary.Replaced,
                Details = summary.Files.Select(f => $"{Path.GetFileName(f.File)}: FOCUS {f.Version}, {f.Rows:N0} rows")
                    .Concat(summary.Categories.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}: {c.Value:N0} rows"))
                    .ToList(),
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
