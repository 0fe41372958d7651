namespace Receipts.Sources.Focus;

/// <summary>
/// Who a cell's spend is attributed to, written as FOCUS tags and <c>x_</c> columns. Null team/project are
/// written as <c>unattributed</c>.
/// </summary>
public sealed record FocusAttribution(string? Team, string? Project, decimal? Confidence)
{
    public static FocusAttribution Unattributed { get; } = new(null, null, null);

    /// <summary>The person the spend belongs to (directory name, else the identity the source gave), when known.</summary>
    public string? Person { get; init; }

    /// <summary>The attribution rule that placed it (<c>repo</c>, <c>key-alias</c>, <c>seat</c>, <c>none</c>…), when known.</summary>
    public string? Rule { get; init; }
}
