using System.CommandLine;
using Receipts.Domain.Pricing;

namespace Receipts.Cli.Commands.Prices;

/// <summary><c>receipts prices import FILE</c>: loads a LiteLLM price file, all or nothing.</summary>
internal static class PricesImportCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var file = new Argument<string>("FILE") { Description = "A LiteLLM model_prices_and_context_window.json" };
        var command = new Command(
            "import",
            """
            Add or update model prices from a file in LiteLLM's model_prices_and_context_window.json format
            (https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json).
            Imported prices override built-in ones with the same model id. A malformed price refuses the
            whole file and nothing is written; keys that are not models and entries without token prices
            (images, audio, embeddings) are skipped and counted.

            Examples:
              curl -sO https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json
              receipts prices import model_prices_and_context_window.json
            """);
        command.Arguments.Add(file);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var path = Path.GetFullPath(parseResult.GetValue(file)!, environment.WorkingDirectory);
            string json;
            try
            {
                json = await File.ReadAllTextAsync(path, cancellationToken);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
            {
                throw new UserException($"Cannot read {path}: {e.Message}", "Check the path, or download the file first (see --help).", e);
            }

            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(environment.Time.GetUtcNow(), environment.LocalZone).DateTime);
            var parsed = LiteLlmPriceFile.Parse(json, today, $"LiteLLM import: {Path.GetFileName(path)}");
            if (parsed.Error is { } error)
            {
                throw new UserException(
                    $"{path}: {error}",
                    "Nothing was imported. Fix that entry, or download a fresh copy of the LiteLLM file.");
            }

            await using var store = await context.OpenStoreAsync(cancellationToken);
            var written = await store.WritePricesAsync(parsed.Prices, cancellationToken);
            await environment.Out.WriteLineAsync(
                $"Imported {parsed.Prices.Count} prices from {Path.GetFileName(path)} ({written.Added} new, {written.Updated} updated). "
                + $"Skipped {parsed.SkippedNonModel} keys that are not models and {parsed.SkippedUnpriced} entries without token prices.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
