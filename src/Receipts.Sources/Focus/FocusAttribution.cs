namespace Receipts.Sources.Focus;

/// <summary>Who a cell's spend is attributed to, written as FOCUS tags. Null team/project are written as <c>unattributed</c>.</summary>
public sealed record FocusAttribution(string? Team, string? Project, decimal? Confidence)
{
    public static FocusAttribution Unattributed { get; } = new(null, null, null);
}
