using System.CommandLine;
using System.Globalization;

namespace Receipts.Cli.Commands.Alerts;

/// <summary>
/// <c>--as-of</c>: a date (<c>2026-11-20</c>: as if run just after that day ended, in the reporting zone) or an
/// ISO 8601 instant; default now.
/// </summary>
internal static class AsOfOption
{
    public static Option<string?> Create() => new("--as-of")
    {
        Description = "Check as of a day (YYYY-MM-DD: just after it ended) or an instant (2026-11-20T15:00Z); default now",
    };

    public static DateTimeOffset Resolve(string? text, TimeZoneInfo zone, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return time.GetUtcNow();
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var local = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }

        return DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant.ToUniversalTime()
            : throw new UserException($"--as-of '{text}' is neither a date nor an instant.", "Use YYYY-MM-DD or an ISO 8601 instant such as 2026-11-20T15:00Z.");
    }
}
