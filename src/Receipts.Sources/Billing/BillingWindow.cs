using System.Globalization;
using System.Text.Json;
using Receipts.Domain.Storage;

namespace Receipts.Sources.Billing;

/// <summary>
/// Which UTC days an incremental API import fetches: from <c>--since</c>, else from the cursor minus a
/// look-back (recent days keep changing while usage and costs settle), else the last 30 days; until
/// <c>--until</c> (exclusive), else the end of today. Overlaps are safe: a re-fetched period replaces.
/// </summary>
public static class BillingWindow
{
    /// <summary>Days before the cursor fetched again. Default 3.</summary>
    public const int LookBackDays = 3;

    public const int DefaultDays = 30;

    public const string CursorKey = "billing";

    public static (DateTimeOffset From, DateTimeOffset Until) Resolve(
        DateOnly? since, DateOnly? until, IReadOnlyDictionary<string, SourceCursor> cursors, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cursors);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var end = until ?? today.AddDays(1);
        var start = since
            ?? (Through(cursors) is { } through ? through.AddDays(-LookBackDays) : today.AddDays(-DefaultDays));
        if (start >= end)
        {
            start = end.AddDays(-1);
        }

        return (Midnight(start), Midnight(end));
    }

    /// <summary>The cursor to save after fetching up to <paramref name="until"/>.</summary>
    public static SourceCursor Cursor(string source, DateTimeOffset until) =>
        new(source, CursorKey, JsonSerializer.Serialize(new { through = until.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }));

    private static DateOnly? Through(IReadOnlyDictionary<string, SourceCursor> cursors)
    {
        if (!cursors.TryGetValue(CursorKey, out var cursor))
        {
            return null;
        }

        using var json = JsonDocument.Parse(cursor.State);
        return JsonFields.String(json.RootElement, "through") is { } text
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
