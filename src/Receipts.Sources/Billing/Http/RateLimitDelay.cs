using System.Globalization;
using System.Net.Http.Headers;

namespace Receipts.Sources.Billing.Http;

/// <summary>
/// How long a 429/503 asks us to wait: <c>Retry-After</c> (seconds or an HTTP date), else the vendors'
/// reset headers — Anthropic <c>anthropic-ratelimit-requests-reset</c> (RFC 3339 instant), OpenAI
/// <c>x-ratelimit-reset-requests</c> (durations like <c>1s</c>, <c>6m0s</c>, <c>250ms</c>). Null: use backoff.
/// </summary>
internal static class RateLimitDelay
{
    public static TimeSpan? From(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.RetryAfter is RetryConditionHeaderValue retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta;
            }

            if (retryAfter.Date is { } date)
            {
                return date > now ? date - now : TimeSpan.Zero;
            }
        }

        if (Header(response, "anthropic-ratelimit-requests-reset") is { } reset
            && DateTimeOffset.TryParse(reset, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at > now ? at - now : TimeSpan.Zero;
        }

        return Header(response, "x-ratelimit-reset-requests") is { } duration ? ParseGoDuration(duration) : null;
    }

    /// <summary>Parses <c>1h2m3.5s</c>, <c>250ms</c>; null when it is not one.</summary>
    internal static TimeSpan? ParseGoDuration(string text)
    {
        var total = TimeSpan.Zero;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (start == i || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            total += text[unitStart..i] switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                _ => TimeSpan.MinValue,
            };
            if (total < TimeSpan.Zero)
            {
                return null;
            }
        }

        return total;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
