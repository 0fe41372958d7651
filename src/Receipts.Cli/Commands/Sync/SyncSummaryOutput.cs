using System.Globalization;
using System.Text.Json;
using Receipts.Sources.Sync;
using Spectre.Console;

namespace Receipts.Cli.Commands.Sync;

/// <summary>The end of <c>receipts sync</c>: per source rows, period, dollars and errors; a table, or JSON with <c>--json</c>.</summary>
internal static class SyncSummaryOutput
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Write(CliEnvironment environment, bool json, IReadOnlyList<SyncSourceResult> results)
    {
        if (json)
        {
            environment.Out.WriteLine(JsonSerializer.Serialize(
                results.Select(r => new
                {
                    r.Name,
                    r.Kind,
                    Status = r.Succeeded ? "ok" : "failed",
                    r.Rows,
                    r.From,
                    r.Until,
                    r.Amounts,
                    r.Requests,
                    r.Error,
                    r.Hint,
                    r.Notes,
                    Seconds = Math.Round(r.Elapsed.TotalSeconds, 1),
                }),
                Json));
            return;
        }

        var table = new Table().AddColumns("source", "kind", "rows", "period (UTC)", "money", "requests", "status");
        foreach (var r in results)
        {
            table.AddRow(
                Markup.Escape(r.Name),
                r.Kind,
                r.Rows.ToString("N0", CultureInfo.InvariantCulture),
                r.From is { } from && r.Until is { } until ? $"{from.UtcDateTime:yyyy-MM-dd} – {until.UtcDateTime:yyyy-MM-dd}" : "-",
                r.Amounts.Count == 0 ? "-" : Markup.Escape(string.Join(", ", r.Amounts.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Value:N2} {a.Key}")))),
                r.Requests?.ToString("N0", CultureInfo.InvariantCulture) ?? "-",
                r.Succeeded ? "[green]ok[/]" : "[red]failed[/]");
        }

        var console = environment.OutConsole();
        console.Write(table);
        foreach (var failed in results.Where(r => !r.Succeeded))
        {
            console.MarkupLine($"[red]{Markup.Escape(failed.Name)}:[/] {Markup.Escape(failed.Error!)}");
            if (failed.Hint is { } hint)
            {
                console.MarkupLine($"  {Markup.Escape(hint)}");
            }
        }

        var ok = results.Count(r => r.Succeeded);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{ok} of {results.Count} sources synced, {results.Sum(r => r.Rows):N0} rows."));
    }
}
