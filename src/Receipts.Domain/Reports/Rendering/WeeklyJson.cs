using System.Text.Json;
using Receipts.Domain.Reports.Weekly;

namespace Receipts.Domain.Reports.Rendering;

/// <summary>
/// The weekly report as JSON. The field names are a contract (docs/reports.md): snake_case, added freely,
/// never renamed. Money is in <c>currency</c>, rounded to 6 decimals; shares are fractions (0.75 = 75%).
/// </summary>
public static class WeeklyJson
{
    public static string Write(WeeklyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("report", "weekly");
            json.WriteString("week", report.Week.ToString());
            json.Date("from", report.From);
            json.Date("to", report.To);
            json.WriteString("time_zone", report.TimeZone);
            json.Instant("as_of", report.AsOf);
            json.WriteString("currency", report.Currency);
            json.Number("total_spend", report.TotalSpend);
            json.Number("previous_total_spend", report.PreviousTotalSpend);
            json.Number("change", report.PreviousTotalSpend == 0m ? null : (report.TotalSpend - report.PreviousTotalSpend) / report.PreviousTotalSpend);

            var cpvo = report.TeamCpvo.ToDictionary(r => r.Group, StringComparer.Ordinal);
            json.WriteStartArray("teams");
            foreach (var t in report.Teams)
            {
                var row = cpvo.GetValueOrDefault(t.Team);
                json.WriteStartObject();
                json.WriteString("team", t.Team);
                json.Number("spend", t.Spend);
                json.Number("previous_spend", t.PreviousSpend);
                json.Number("change", t.Change);
                json.WriteNumber("attempted", row?.Attempted ?? 0);
                json.WriteNumber("verified", row?.Verified ?? 0);
                json.WriteNumber("pending", row?.Pending ?? 0);
                json.WriteNumber("disqualified", row?.Disqualified ?? 0);
                json.Number("verified_share", row?.VerifiedShare);
                json.Number("cpvo", row?.Cpvo);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            CostLines(json, "top_projects", report.TopProjects);
            CostLines(json, "top_workflows", report.TopWorkflows);

            json.WriteStartObject("cost_per_call_rises");
            json.WriteString("test", "one-sided Mann-Whitney U on daily cost per call, week vs the 28 days before");
            json.WriteNumber("alpha", CostPerCallTest.Alpha);
            json.WriteNumber("min_rise", CostPerCallTest.MinRise);
            json.WriteStartArray("workflows");
            foreach (var r in report.CostPerCallRises)
            {
                json.WriteStartObject();
                json.WriteString("workflow", r.Workflow);
                json.Number("before", r.Before);
                json.Number("now", r.Now);
                json.Number("ratio", r.Ratio);
                json.WriteNumber("calls", r.Calls);
                json.WriteNumber("days", r.Days);
                json.WriteNumber("baseline_days", r.BaselineDays);
                json.WriteNumber("p_value", Math.Round(r.PValue, 8));
                json.Text("driver", r.Driver);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteStartArray("production_misuse");
            foreach (var m in report.ProductionMisuse)
            {
                json.WriteStartObject();
                json.WriteString("key", m.Key);
                json.WriteNumber("requests", m.Requests);
                json.Number("spend", m.Spend);
                json.Strings("envs", m.Envs);
                json.WriteNumber("days", m.Days);
                json.Instant("first", m.First);
                json.Text("driver", m.Driver);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("anomalies");
            foreach (var a in report.Anomalies)
            {
                json.WriteStartObject();
                json.WriteString("kind", Show.Kind(a.Kind));
                json.WriteString("subject", a.Subject);
                json.Instant("at", a.At);
                json.Instant("since", a.Since);
                json.Number("observed", a.Observed);
                json.Number("baseline", a.Baseline);
                json.Number("score", a.Score);
                json.WriteString("description", a.Description);
                json.Text("driver", a.Driver);
                json.WriteString("key", a.Key);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("budgets");
            foreach (var b in report.Budgets)
            {
                json.WriteStartObject();
                json.WriteString("budget", b.Budget.Label);
                json.WriteString("scope", Budgets.Budget.ScopeName(b.Budget.Scope));
                json.WriteString("name", b.Budget.Name);
                json.WriteString("period", b.PeriodLabel);
                json.Number("amount", b.Budget.Amount);
                json.Number("spent", b.Forecast.Spent);
                json.Number("used", b.Used);
                json.Number("forecast", b.Forecast.Expected);
                json.Number("forecast_low", b.Forecast.Low);
                json.Number("forecast_high", b.Forecast.High);
                json.WriteNumber("days_elapsed", b.Forecast.DaysElapsed);
                json.WriteNumber("days_in_period", b.Forecast.DaysInPeriod);
                json.WriteString("state", b.State);
                json.WriteStartArray("thresholds_crossed");
                foreach (var t in b.CrossedThresholds)
                {
                    json.WriteNumberValue(t);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("trend");
            foreach (var w in report.Trend)
            {
                json.WriteStartObject();
                json.WriteString("week", w.Week);
                json.Number("spend", w.Spend);
                json.WriteNumber("attempted", w.Attempted);
                json.WriteNumber("verified", w.Verified);
                json.WriteNumber("pending", w.Pending);
                json.WriteNumber("disqualified", w.Disqualified);
                json.Number("verified_share", w.VerifiedShare);
                json.Number("cpvo", w.Cpvo);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.Text("latest_settled_week", report.LatestSettled?.Week);
            json.WriteStartArray("quarter_trend");
            foreach (var t in report.QuarterTrend)
            {
                json.WriteStartObject();
                json.WriteString("team", t.Group);
                json.Text("band", t.Band);
                json.WriteString("quarter", t.Quarter);
                json.Number("cpvo", t.Cpvo);
                json.Number("verified_share", t.VerifiedShare);
                json.WriteNumber("verified", t.Verified);
                json.WriteString("previous_quarter", t.PreviousQuarter);
                json.Number("previous_cpvo", t.PreviousCpvo);
                json.Number("previous_verified_share", t.PreviousVerifiedShare);
                json.WriteNumber("previous_verified", t.PreviousVerified);
                json.WriteString("verdict", Show.Verdict(t.Verdict));
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartObject("attribution");
            json.Number("coverage", report.Coverage);
            json.WriteNumber("disagreements", report.Disagreements);
            json.WriteEndObject();

            json.WriteStartObject("cordon");
            json.Number("spend", report.CordonSpend);
            json.Number("share", report.CordonShare);
            json.WriteBoolean("warning", report.CordonWarning);
            json.WriteEndObject();

            if (report.Usage is { } u)
            {
                json.WriteStartObject("usage");
                json.WriteNumber("input_tokens", u.Tokens.Input);
                json.WriteNumber("output_tokens", u.Tokens.Output);
                json.WriteNumber("cache_read_tokens", u.Tokens.CacheRead);
                json.WriteNumber("cache_write_tokens", u.Tokens.CacheWrite);
                json.WriteNumber("total_tokens", u.Tokens.Total);
                json.WriteNumber("requests", u.Requests);
                json.Number("list_cost", u.Cost);
                json.WriteBoolean("cost_unknown", u.CostUnknown);
                json.WriteStartArray("models");
                foreach (var m in u.Models)
                {
                    json.WriteStartObject();
                    json.WriteString("model", m.Model);
                    json.WriteNumber("total_tokens", m.Tokens.Total);
                    json.Number("list_cost", m.Cost);
                    json.WriteBoolean("cost_unknown", m.CostUnknown);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("usage");
            }

            json.Strings("unpriced_models", report.UnpricedModels);
            json.WriteEndObject();
        });
    }

    private static void CostLines(Utf8JsonWriter json, string name, IReadOnlyList<CostLine> lines)
    {
        json.WriteStartArray(name);
        foreach (var l in lines)
        {
            json.WriteStartObject();
            json.WriteString("name", l.Name);
            json.Text("team", l.Team);
            json.Number("spend", l.Spend);
            json.Number("previous_spend", l.PreviousSpend);
            json.Number("share", l.Share);
            json.WriteNumber("requests", l.Requests);
            json.WriteBoolean("cordoned", l.Cordoned);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
