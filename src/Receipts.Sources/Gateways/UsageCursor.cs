using System.Globalization;
using System.Text.Json;
using Receipts.Domain.Storage;

namespace Receipts.Sources.Gateways;

/// <summary>
/// Where a per-request source was left: the instant of the latest record written. The next run asks
/// from that instant on (inclusive: records with the same id replace themselves, so the overlap is
/// harmless); <c>--since</c> overrides it; a first run goes back <see cref="DefaultDays"/> days.
/// </summary>
public static class UsageCursor
{
    public const string Key = "usage";

    public const int DefaultDays = 30;

    public static DateTimeOffset From(DateTimeOffset? since, IReadOnlyDictionary<string, SourceCursor> cursors, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cursors);
        return since ?? Read(cursors) ?? now.AddDays(-DefaultDays);
    }

    public static DateTimeOffset? Read(IReadOnlyDictionary<string, SourceCursor> cursors)
    {
        ArgumentNullException.ThrowIfNull(cursors);
        if (!cursors.TryGetValue(Key, out var cursor))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(cursor.State);
            return json.RootElement.TryGetProperty("after", out var after) && after.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(after.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at.ToUniversalTime()
                : null;
        }
        catch (JsonException)
        {
            return null; // an unreadable cursor starts afresh: imports are idempotent
        }
    }

    /// <summary>The cursor after a run: the latest record seen, else where the run started (nothing new).</summary>
    public static SourceCursor Write(string source, DateTimeOffset? latest, DateTimeOffset? previous, DateTimeOffset from)
    {
        var at = latest ?? previous ?? from;
        if (previous is { } p && p > at)
        {
            at = p;
        }

        return new SourceCursor(source, Key, JsonSerializer.Serialize(new { after = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) }));
    }
}
