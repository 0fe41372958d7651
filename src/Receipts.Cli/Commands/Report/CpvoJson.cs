using Receipts.Domain.Metrics;
using Receipts.Domain.Pipeline;

namespace Receipts.Cli.Commands.Report;

/// <summary>
/// The <c>report cpvo --json</c> document. Its field names are a contract (docs/reports.md): add freely, never rename.
/// Money is in the reporting currency, rounded to 6 decimals; shares are fractions (0.75 = 75%).
/// </summary>
internal static class CpvoJson
{
    public static object From(CpvoService.Result result, CpvoService.Request request, TimeZoneInfo zone)
    {
        var report = result.Report;
        var key = request.GroupBy == CpvoGrouping.Team ? "team" : "project";
        return new Dictionary<string, object?>
        {
            ["asOf"] = request.AsOf,
            ["timeZone"] = zone.Id,
            ["by"] = key,
            ["weeks"] = report.Weeks,
            ["windowOverride"] = request.WindowOverride,
            ["rows"] = report.Rows.Select(r => new Dictionary<string, object?>
            {
                ["week"] = r.Week,
                [key] = r.Group,
                ["band"] = r.Band,
                ["spend"] = Round(r.Spend),
                ["tokens"] = new
                {
                    input = r.Tokens.Input,
                    output = r.Tokens.Output,
                    cacheRead = r.Tokens.CacheRead,
                    cacheWrite = r.Tokens.CacheWrite,
                    total = r.Tokens.Total,
                },
                ["attempted"] = r.Attempted,
                ["verified"] = r.Verified,
                ["pending"] = r.Pending,
                ["disqualified"] = r.Disqualified,
                ["disqualifiedBy"] = new
                {
                    revert = r.DisqualifiedBy.GetValueOrDefault("revert"),
                    hotfix = r.DisqualifiedBy.GetValueOrDefault("hotfix"),
                    reopen = r.DisqualifiedBy.GetValueOrDefault("reopen"),
                },
                ["verifiedShare"] = Round(r.VerifiedShare),
                ["cpvo"] = Round(r.Cpvo),
                ["costPerChange"] = new
                {
                    median = Round(r.CostPerChange.Median),
                    p90 = Round(r.CostPerChange.P90),
                    max = Round(r.CostPerChange.Max),
                    count = r.CostPerChange.Count,
                    linkedShare = Round(r.LinkedShare),
                },
                ["estimatedShare"] = Round(r.EstimatedShare),
                ["unpricedRecords"] = r.UnpricedRecords,
            }).ToList(),
            ["bands"] = report.Rows.Where(r => r.Band is not null).GroupBy(r => r.Band!).Select(g => new { band = g.Key, groups = g.Select(r => r.Group).Distinct().Order(StringComparer.Ordinal).ToList() }).ToList(),
            ["cordon"] = new
            {
                spend = Round(report.CordonSpend),
                share = Round(report.CordonShare),
                warning = report.CordonWarning,
            },
            ["coverage"] = Round(result.Ledger.CoverageShare),
            ["disagreements"] = result.Ledger.Disagreements.Count,
            ["unpricedModels"] = result.Ledger.UnpricedModels,
            ["trend"] = report.Trends.Select(t => new Dictionary<string, object?>
            {
                [key] = t.Group,
                ["band"] = t.Band,
                ["quarter"] = t.Quarter,
                ["cpvo"] = Round(t.Cpvo),
                ["verifiedShare"] = Round(t.VerifiedShare),
                ["verified"] = t.Verified,
                ["previousQuarter"] = t.PreviousQuarter,
                ["previousCpvo"] = Round(t.PreviousCpvo),
                ["previousVerifiedShare"] = Round(t.PreviousVerifiedShare),
                ["previousVerified"] = t.PreviousVerified,
                ["verdict"] = ReportCpvoCommand.Verdict(t.Verdict),
            }).ToList(),
        };
    }

    private static decimal? Round(decimal? value) => value is { } v ? decimal.Round(v, 6) : null;
}
