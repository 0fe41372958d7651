using System.CommandLine;
using System.Globalization;
using Receipts.Cli.Output;
using Receipts.Domain.Pricing;
using Receipts.Domain.Storage;

namespace Receipts.Cli.Commands.Prices;

/// <summary><c>receipts prices list [MODEL]</c>: what the price book knows, built-in and imported.</summary>
internal static class PricesListCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var filter = new Argument<string?>("MODEL")
        {
            Description = "Show only prices whose id contains this text, and the price this exact model id resolves to",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command(
            "list",
            """
            List known model prices in USD per million tokens: input, output, cache writes (5m, 1h),
            cache read, the long-context rates (the whole request, when its input exceeds 200k tokens),
            when each price took effect, and where it comes from. Origin says built-in or imported
            ("imported*" = overrides a built-in).

            Examples:
              receipts prices list
              receipts prices list gpt-5
              receipts prices list us.anthropic.claude-sonnet-4-5-20250929-v1:0
              receipts prices list --json
            """);
        command.Arguments.Add(filter);
        var output = OutputOptions.AddTo(command);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var format = output.Resolve(parseResult);
            await using var store = await context.OpenStoreAsync(cancellationToken);
            var imported = await store.ReadPricesAsync(cancellationToken);
            var entries = Entries(imported, parseResult.GetValue(filter));
            if (entries.Count == 0)
            {
                throw new UserException($"No price matches \"{parseResult.GetValue(filter)}\".", "Run `receipts prices list` to see every model, or import prices with `receipts prices import FILE`.");
            }

            switch (format)
            {
                case OutputFormat.Json:
                    WriteJson(environment.Out, entries);
                    break;
                case OutputFormat.Csv:
                    Tabulate(entries).WriteCsv(environment.Out);
                    break;
                default:
                    Tabulate(entries).WriteTable(Consoles.ForReport(environment));
                    break;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<PriceEntry> Entries(IReadOnlyList<ImportedPrice> imported, string? filter)
    {
        var builtInKeys = BuiltInPrices.All.Select(p => p.Model).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var importedByKey = imported.ToDictionary(p => p.Price.Model, StringComparer.OrdinalIgnoreCase);
        var book = new PriceBook([.. BuiltInPrices.All, .. imported.Select(p => p.Price)]);
        var resolved = string.IsNullOrWhiteSpace(filter) ? null : book.Find(filter);
        return book.Entries
            .Where(p => string.IsNullOrWhiteSpace(filter)
                || p.Model.Contains(filter.Trim(), StringComparison.OrdinalIgnoreCase)
                || ReferenceEquals(p, resolved))
            .Select(p => new PriceEntry(
                p,
                importedByKey.ContainsKey(p.Model) ? (builtInKeys.Contains(p.Model) ? "imported*" : "imported") : "built-in",
                importedByKey.TryGetValue(p.Model, out var at) ? at.ImportedAt : null))
            .OrderBy(e => e.Price.Provider, StringComparer.Ordinal)
            .ThenBy(e => e.Price.Model, StringComparer.Ordinal)
            .ToList();
    }

    private static TabularReport Tabulate(IReadOnlyList<PriceEntry> entries)
    {
        var table = new TabularReport()
            .Column("Model", "model")
            .Column("Provider", "provider")
            .Column("Input", "input_per_mtok")
            .Column("Output", "output_per_mtok")
            .Column("Write 5m", "cache_write_5m_per_mtok")
            .Column("Write 1h", "cache_write_1h_per_mtok")
            .Column("Read", "cache_read_per_mtok")
            .Column(">200k in/out", "above_200k_input_per_mtok", ColumnUse.TableOnly)
            .Column(">200k output", "above_200k_output_per_mtok", ColumnUse.CsvOnly)
            .Column("Effective", "effective_from")
            .Column("Origin", "origin")
            .Column("Source", "source");
        foreach (var (price, origin, _) in entries)
        {
            var s = price.Standard;
            table.Row(
                Cell.Of(price.Model),
                Cell.Of(price.Provider),
                PerMTok(s.Input),
                PerMTok(s.Output),
                PerMTok(s.CacheWrite5m),
                PerMTok(s.CacheWrite1h),
                PerMTok(s.CacheRead),
                price.Above200k is { } a ? Cell.Of($"{Rate(a.Input)} / {Rate(a.Output)}", Formats.Exact(TokenRates.PerMillion(a.Input))) : Cell.Of("-", string.Empty),
                price.Above200k is { } b ? PerMTok(b.Output) : Cell.Of(string.Empty),
                Cell.Of(price.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                Cell.Of(origin),
                Cell.Of(price.Source));
        }

        return table;
    }

    private static void WriteJson(TextWriter writer, IReadOnlyList<PriceEntry> entries) => JsonOutput.Write(writer, json =>
    {
        json.WriteStartObject();
        json.WriteString("unit", "USD per million tokens");
        json.WriteStartArray("prices");
        foreach (var (price, origin, importedAt) in entries)
        {
            json.WriteStartObject();
            json.WriteString("model", price.Model);
            json.WriteString("provider", price.Provider);
            json.WriteString("origin", origin == "built-in" ? "built-in" : "imported");
            json.WriteBoolean("overridesBuiltIn", origin == "imported*");
            json.WriteString("effectiveFrom", price.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("source", price.Source);
            if (importedAt is { } at)
            {
                json.WriteString("importedAt", at);
            }

            WriteRates(json, "standard", price.Standard);
            WriteRates(json, "above200k", price.Above200k);
            WriteRates(json, "batch", price.Batch);
            WriteRates(json, "priority", price.Priority);
            WriteRates(json, "flex", price.Flex);
            WriteOptional(json, "webSearchPerRequest", price.WebSearchPerRequest);
            WriteOptional(json, "fastMultiplier", price.FastMultiplier);
            WriteOptional(json, "usGeoMultiplier", price.UsGeoMultiplier);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void WriteRates(System.Text.Json.Utf8JsonWriter json, string name, TokenRates? rates)
    {
        if (rates is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteMoney("input", TokenRates.PerMillion(rates.Input));
        json.WriteMoney("output", TokenRates.PerMillion(rates.Output));
        json.WriteMoney("cacheWrite5m", TokenRates.PerMillion(rates.CacheWrite5m));
        json.WriteMoney("cacheWrite1h", TokenRates.PerMillion(rates.CacheWrite1h));
        json.WriteMoney("cacheRead", TokenRates.PerMillion(rates.CacheRead));
        json.WriteEndObject();
    }

    private static void WriteOptional(System.Text.Json.Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteMoney(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static Cell PerMTok(decimal perToken) => Cell.Of(Rate(perToken), Formats.Exact(TokenRates.PerMillion(perToken)));

    private static string Rate(decimal perToken) =>
        "$" + TokenRates.PerMillion(perToken).ToString("0.00########", CultureInfo.InvariantCulture);

    private sealed record PriceEntry(ModelPrice Price, string Origin, DateTimeOffset? ImportedAt);
}
