using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Receipts.Cli.Commands.Import;

/// <summary>Prints a <see cref="BillingSummary"/> as a small table, or as JSON with <c>--json</c>.</summary>
internal static class BillingSummaryOutput
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Write(CliEnvironment environment, bool json, BillingSummary summary)
    {
        if (json)
        {
            environment.Out.WriteLine(JsonSerializer.Serialize(summary, Json));
            return;
        }

        var table = new Table().AddColumn(summary.Source).AddColumn(new TableColumn(string.Empty));
        table.AddRow("rows", summary.Rows.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("period", summary.From is { } from && summary.Until is { } until
            ? $"{from.UtcDateTime:yyyy-MM-dd HH:mm} – {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC"
            : "(none)");
        foreach (var (currency, amount) in summary.Amounts.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            table.AddRow(currency, amount.ToString("N2", CultureInfo.InvariantCulture));
        }

        table.AddRow("replaced", summary.Replaced.ToString("N0", CultureInfo.InvariantCulture));
        if (summary.Identities > 0)
        {
            table.AddRow("identities", summary.Identities.ToString("N0", CultureInfo.InvariantCulture));
        }

        table.AddRow("errors", summary.Errors.ToString(CultureInfo.InvariantCulture));
        foreach (var detail in summary.Details)
        {
            table.AddRow(string.Empty, Markup.Escape(detail));
        }

        environment.OutConsole().Write(table);
    }
}
