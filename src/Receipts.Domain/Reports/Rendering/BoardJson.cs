using System.Text.Json;
using Receipts.Domain.Reports.Board;

namespace Receipts.Domain.Reports.Rendering;

/// <summary>The board summary as JSON: snake_case field names, a contract (docs/reports.md).</summary>
public static class BoardJson
{
    public static string Write(BoardReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("report", "board");
            json.WriteString("quarter", report.Quarter.ToString());
            json.WriteString("previous_quarter", report.PreviousQuarter.ToString());
            json.WriteString("first_week", report.FirstWeek);
            json.WriteString("last_week", report.LastWeek);
            json.WriteBoolean("to_date", report.ToDate);
            json.Instant("as_of", report.AsOf);
            json.WriteString("time_zone", report.TimeZone);
            json.WriteString("currency", report.Currency);
            json.WriteStartArray("teams");
            foreach (var row in report.Teams)
            {
                Row(json, row);
            }

            json.WriteEndArray();
            json.WritePropertyName("total");
            Row(json, report.Total);
            json.WriteStartObject("cordon");
            json.Number("spend", report.CordonSpend);
            json.Number("share", report.CordonShare);
            json.WriteBoolean("warning", report.CordonWarning);
            json.WriteEndObject();
            json.Number("coverage", report.Coverage);
            json.WriteEndObject();
        });
    }

    private static void Row(Utf8JsonWriter json, BoardTeamRow row)
    {
        json.WriteStartObject();
        json.WriteString("team", row.Team);
        json.Text("band", row.Band);
        json.Number("spend", row.Spend);
        json.Number("previous_spend", row.PreviousSpend);
        json.WriteNumber("verified", row.Verified);
        json.WriteNumber("previous_verified", row.PreviousVerified);
        json.WriteNumber("attempted", row.Attempted);
        json.WriteNumber("previous_attempted", row.PreviousAttempted);
        json.Number("verified_share", row.VerifiedShare);
        json.Number("previous_verified_share", row.PreviousVerifiedShare);
        json.Number("cpvo", row.Cpvo);
        json.Number("previous_cpvo", row.PreviousCpvo);
        json.WriteString("verdict", Show.Verdict(row.Verdict));
        json.WriteEndObject();
    }
}
