using System.Globalization;
using System.Net;
using Receipts.Domain.Metrics;

namespace Receipts.Domain.Reports.Rendering;

/// <summary>How the report renderers write numbers, shares and verdicts (invariant culture throughout).</summary>
internal static class Show
{
    public static string Money(decimal value) => value.ToString("$#,##0.00", CultureInfo.InvariantCulture);

    public static string Money(decimal? value) => value is { } v ? Money(v) : "–";

    public static string PerCall(decimal value) => value.ToString("$0.0000", CultureInfo.InvariantCulture);

    public static string Percent(decimal? value) => value is { } v ? v.ToString("0%", CultureInfo.InvariantCulture) : "–";

    public static string Percent1(decimal? value) => value is { } v ? v.ToString("0.0%", CultureInfo.InvariantCulture) : "–";

    /// <summary><c>+12%</c>, <c>−5%</c>, <c>new</c> when there was nothing before.</summary>
    public static string Change(decimal now, decimal before) =>
        before == 0m ? (now == 0m ? "–" : "new")
        : ((now - before) / before).ToString("+0%;−0%;0%", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string P(double p) => p < 0.0001 ? "< 0.0001" : p.ToString("0.0000", CultureInfo.InvariantCulture);

    public static string Verdict(TrendVerdict verdict) => verdict switch
    {
        TrendVerdict.PayingOff => "paying off",
        TrendVerdict.NotPayingOff => "not paying off",
        TrendVerdict.Mixed => "mixed",
        _ => "not enough data",
    };

    public static string Kind(Anomalies.AnomalyKind kind) => kind switch
    {
        Anomalies.AnomalyKind.Spike => "spike",
        Anomalies.AnomalyKind.Drift => "drift",
        Anomalies.AnomalyKind.CostPerCall => "cost-per-call",
        Anomalies.AnomalyKind.Runaway => "runaway",
        Anomalies.AnomalyKind.EnvMismatch => "env-mismatch",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string Html(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>Markdown table cells: pipes escaped, line breaks flattened.</summary>
    public static string Cell(string? text) => (text ?? string.Empty).Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');

    public static decimal? Round(decimal? value) => value is { } v ? decimal.Round(v, 6) : null;
}
