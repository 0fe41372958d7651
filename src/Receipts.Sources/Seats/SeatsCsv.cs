using System.Globalization;
using Receipts.Domain.Billing;
using Receipts.Sources.Focus;

namespace Receipts.Sources.Seats;

/// <summary>
/// Reads a seats CSV: a header with <c>tool</c>, <c>person</c>, <c>monthly_cost</c>, <c>from</c> and optionally
/// <c>to</c> (inclusive), <c>plan</c>, <c>currency</c> (default USD), in any order and case. Days are
/// <c>YYYY-MM-DD</c>; money is a decimal in currency units. Bad rows are collected with file:line:column and
/// the whole file is refused.
/// </summary>
public static class SeatsCsv
{
    private static readonly string[] Required = ["tool", "person", "monthly_cost", "from"];

    public static IReadOnlyList<Seat> Read(string path)
    {
        var name = Path.GetFileName(path);
        var errors = new List<FocusError>();
        var seats = new List<Seat>();
        using var csv = new CsvRecordReader(new StreamReader(path));
        var index = csv.Header.Select((h, i) => (h: h.Trim().ToLowerInvariant(), i)).GroupBy(x => x.h).ToDictionary(g => g.Key, g => g.First().i);
        var missing = Required.Where(r => !index.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            throw new FocusFormatException([new FocusError(name, 1, null, $"missing column{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(", ", missing)} (expected tool,person,monthly_cost,from[,to,plan,currency])")], false);
        }

        string? Text(string column) => index.TryGetValue(column, out var i) && csv.Field(i).Trim() is { IsEmpty: false } t ? t.ToString() : null;
        try
        {
            while (csv.Read())
            {
                string? Fail(string column, string message)
                {
                    errors.Add(new FocusError(name, csv.Line, column, message));
                    return null;
                }

                var tool = Text("tool") ?? Fail("tool", "a value is required");
                var person = Text("person") ?? Fail("person", "a value is required");
                var costText = Text("monthly_cost");
                decimal cost = 0;
                if (costText is null || !decimal.TryParse(costText.TrimStart('$'), NumberStyles.Number, CultureInfo.InvariantCulture, out cost) || cost < 0)
                {
                    Fail("monthly_cost", $"'{costText}' is not a non-negative amount");
                    continue;
                }

                var from = Day("from", required: true);
                var to = Day("to", required: false);
                if (tool is null || person is null || from is null || (Text("to") is not null && to is null))
                {
                    continue;
                }

                if (to < from)
                {
                    Fail("to", "the seat ends before it starts");
                    continue;
                }

                var currency = Text("currency")?.ToUpperInvariant() ?? "USD";
                if (currency.Length != 3)
                {
                    Fail("currency", $"'{currency}' is not an ISO 4217 code");
                    continue;
                }

                seats.Add(new Seat { Tool = tool.ToLowerInvariant(), Person = person, Plan = Text("plan"), MonthlyCost = cost, Currency = currency, From = from.Value, To = to });

                DateOnly? Day(string column, bool required)
                {
                    var text = Text(column);
                    if (text is null)
                    {
                        if (required)
                        {
                            Fail(column, "a day is required");
                        }

                        return null;
                    }

                    if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                    {
                        return day;
                    }

                    Fail(column, $"'{text}' is not a day (YYYY-MM-DD)");
                    return null;
                }
            }
        }
        catch (CsvFormatException e)
        {
            errors.Add(new FocusError(name, e.Line, null, e.Message));
        }

        return errors.Count > 0 ? throw new FocusFormatException(errors.Take(FocusImporter.MaxErrors).ToList(), errors.Count > FocusImporter.MaxErrors) : seats;
    }
}
