using System.Globalization;
using System.Text.Json;
using Receipts.Cli.Output;
using Receipts.Domain.Reports;
using Spectre.Console;

namespace Receipts.Cli.Commands.Report;

/// <summary>
/// Prints a <see cref="UsageReport"/>. JSON keeps ccusage's field names (<c>daily[].date</c>,
/// <c>inputTokens</c>, <c>cacheCreationTokens</c>, <c>totalCost</c>, <c>modelBreakdowns[].modelName</c>, …)
/// so scripts written for <c>ccusage daily --json</c> keep working; other groupings use
/// <c>weekly[].week</c>, <c>monthly[].month</c>, <c>sessions[].sessionId</c>, <c>projects[].project</c>,
/// <c>branches[].branch</c>, <c>models[].model</c>. Extra fields are added, never renamed.
/// </summary>
internal static class UsageReportView
{
    public static (string Array, string Key, string Header) Names(UsageGrouping grouping) => grouping switch
    {
        UsageGrouping.Day => ("daily", "date", "Date"),
        UsageGrouping.Week => ("weekly", "week", "Week"),
        UsageGrouping.Month => ("monthly", "month", "Month"),
        UsageGrouping.Session => ("sessions", "sessionId", "Session"),
        UsageGrouping.Project => ("projects", "project", "Project"),
        UsageGrouping.Branch => ("branches", "branch", "Branch"),
        UsageGrouping.Model => ("models", "model", "Model"),
        _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, null),
    };

    public static void WriteJson(TextWriter writer, UsageReport report) => JsonOutput.Write(writer, json =>
    {
        var (array, key, _) = Names(report.Grouping);
        json.WriteStartObject();
        json.WriteStartArray(array);
        foreach (var row in report.Rows)
        {
            json.WriteStartObject();
            json.WriteString(key, report.Grouping == UsageGrouping.Branch ? row.Branch : row.Key);
            if (report.Grouping is UsageGrouping.Session or UsageGrouping.Branch)
            {
                json.WriteString("project", row.Project);
            }

            if (report.Grouping == UsageGrouping.Session)
            {
                json.WriteString("lastActivity", LocalDate(row.LastActivity, report.Zone));
                json.WriteString("lastActivityAt", TimeZoneInfo.ConvertTime(row.LastActivity, report.Zone).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
            }

            WriteSums(json, row, "totalCost");
            json.WriteStrings("modelsUsed", row.Models.Select(m => m.Model));
            json.WriteStartArray("modelBreakdowns");
            foreach (var model in row.Models)
            {
                json.WriteStartObject();
                json.WriteString("modelName", model.Model);
                json.WriteNumber("inputTokens", model.Tokens.Input);
                json.WriteNumber("outputTokens", model.Tokens.Output);
                json.WriteNumber("cacheCreationTokens", model.Tokens.CacheWrite);
                json.WriteNumber("cacheReadTokens", model.Tokens.CacheRead);
                json.WriteMoney("cost", model.Cost);
                json.WriteNumber("cacheWrite5mTokens", model.Tokens.CacheWrite5m);
                json.WriteNumber("cacheWrite1hTokens", model.Tokens.CacheWrite1h);
                json.WriteNumber("webSearchRequests", model.WebSearchRequests);
                json.WriteBoolean("costUnknown", model.CostUnknown);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("totals");
        WriteSums(json, report.Totals, "totalCost");
        json.WriteEndObject();
        json.WriteStrings("unpricedModels", report.UnpricedModels);
        json.WriteString("timeZone", report.Zone.Id);
        json.WriteEndObject();
    });

    public static void WriteCsv(TextWriter writer, UsageReport report) => Tabulate(report).WriteCsv(writer);

    public static void WriteTable(IAnsiConsole console, UsageReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        Tabulate(report).WriteTable(console);
        if (report.UnpricedModels.Count > 0)
        {
            console.MarkupLineInterpolated(
                $"[yellow]warning:[/] no price for {string.Join(", ", report.UnpricedModels)}: their tokens are counted, their cost is unknown (?). Add prices with `receipts prices import FILE`.");
        }
    }

    private static void WriteSums(Utf8JsonWriter json, Domain.Reports.UsageRow row, string costName)
    {
        json.WriteNumber("inputTokens", row.Tokens.Input);
        json.WriteNumber("outputTokens", row.Tokens.Output);
        json.WriteNumber("cacheCreationTokens", row.Tokens.CacheWrite);
        json.WriteNumber("cacheReadTokens", row.Tokens.CacheRead);
        json.WriteNumber("totalTokens", row.Tokens.Total);
        json.WriteMoney(costName, row.Cost);
        json.WriteNumber("cacheWrite5mTokens", row.Tokens.CacheWrite5m);
        json.WriteNumber("cacheWrite1hTokens", row.Tokens.CacheWrite1h);
        json.WriteNumber("webSearchRequests", row.WebSearchRequests);
        json.WriteNumber("requests", row.Requests);
        json.WriteBoolean("costUnknown", row.CostUnknown);
        json.WriteStrings("unpricedModels", row.UnpricedModels);
    }

    private static TabularReport Tabulate(UsageReport report)
    {
        var (_, key, header) = Names(report.Grouping);
        var table = new TabularReport();
        var session = report.Grouping == UsageGrouping.Session;
        var branch = report.Grouping == UsageGrouping.Branch;
        var model = report.Grouping == UsageGrouping.Model;
        if (branch)
        {
            table.Column("Project", "project");
        }

        table.Column(header, ToSnake(key));
        if (session)
        {
            table.Column("Project", "project").Column("Last activity", "last_activity");
        }

        if (!model)
        {
            table.Column("Models", "models");
        }

        table.Column("Input", "input_tokens")
            .Column("Output", "output_tokens")
            .Column("Cache write", "cache_write_tokens", ColumnUse.TableOnly)
            .Column("Cache write 5m", "cache_write_5m_tokens", ColumnUse.CsvOnly)
            .Column("Cache write 1h", "cache_write_1h_tokens", ColumnUse.CsvOnly)
            .Column("Cache read", "cache_read_tokens")
            .Column("Total tokens", "total_tokens")
            .Column("Web searches", "web_search_requests", ColumnUse.CsvOnly)
            .Column("Cost", "cost_usd")
            .Column("Cost unknown", "cost_unknown", ColumnUse.CsvOnly)
            .Column("Unpriced models", "unpriced_models", ColumnUse.CsvOnly);

        foreach (var row in report.Rows)
        {
            var cells = new List<Cell>();
            if (branch)
            {
                cells.Add(Cell.Of(row.Project));
            }

            cells.Add(Cell.Of(branch ? row.Branch : row.Key));
            if (session)
            {
                cells.Add(Cell.Of(row.Project));
                cells.Add(Cell.Of(TimeZoneInfo.ConvertTime(row.LastActivity, report.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)));
            }

            if (!model)
            {
                cells.Add(Cell.Of(string.Join(", ", row.Models.Select(m => m.Model))));
            }

            cells.AddRange(Sums(row));
            table.Row([.. cells]);
        }

        var totals = new List<Cell> { Cell.Of("Total") };
        totals.AddRange(Enumerable.Repeat(Cell.Of(string.Empty), (branch ? 1 : 0) + (session ? 2 : 0) + (model ? 0 : 1)));
        totals.AddRange(Sums(report.Totals));
        table.Totals([.. totals]);
        return table;
    }

    private static IEnumerable<Cell> Sums(Domain.Reports.UsageRow row) =>
    [
        Cell.Of(row.Tokens.Input),
        Cell.Of(row.Tokens.Output),
        Cell.Of(row.Tokens.CacheWrite),
        Cell.Of(row.Tokens.CacheWrite5m),
        Cell.Of(row.Tokens.CacheWrite1h),
        Cell.Of(row.Tokens.CacheRead),
        Cell.Of(row.Tokens.Total),
        Cell.Of(row.WebSearchRequests),
        Cell.Dollars(row.Cost, row.CostUnknown),
        Cell.Of(row.CostUnknown ? "true" : "false"),
        Cell.Of(string.Join(' ', row.UnpricedModels)),
    ];

    private static string LocalDate(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string ToSnake(string camel) => string.Concat(camel.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : c.ToString()));
}
