using System.Globalization;
using System.Net;

namespace Receipts.Sources.Http;

/// <summary>
/// How long an API asks us to wait, from the headers GitHub, GitLab, Jira and Asana send:
/// <c>Retry-After</c> (seconds or an HTTP date), else <c>x-ratelimit-remaining: 0</c> with
/// <c>x-ratelimit-reset</c> / <c>RateLimit-Reset</c> (Unix seconds).
/// </summary>
internal static class RateLimit
{
    /// <summary>The wait a throttled answer (429, or a 403 carrying rate-limit headers) asks for; null when it is not one.</summary>
    public static TimeSpan? WaitFor(HttpResponseMessage response, DateTimeOffset now)
    {
        var status = response.StatusCode;
        if (status is not (HttpStatusCode.TooManyRequests or HttpStatusCode.Forbidden))
        {
            return null;
        }

        if (RetryAfter(response, now) is { } retryAfter)
        {
            return retryAfter;
        }

        if (ExhaustedUntil(response) is { } reset)
        {
            return Max(reset - now, TimeSpan.Zero) + TimeSpan.FromSeconds(1);
        }

        // A 429 without headers is still a throttle: back off. A bare 403 is a permission error.
        return status == HttpStatusCode.TooManyRequests ? TimeSpan.Zero : null;
    }

    /// <summary>When the quota is spent (<c>remaining: 0</c>), the instant it resets.</summary>
    public static DateTimeOffset? ExhaustedUntil(HttpResponseMessage response)
    {
        var remaining = Header(response, "x-ratelimit-remaining") ?? Header(response, "RateLimit-Remaining");
        if (remaining is not "0")
        {
            return null;
        }

        var reset = Header(response, "x-ratelimit-reset") ?? Header(response, "RateLimit-Reset");
        return long.TryParse(reset, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 1_000_000_000
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return Max(delta, TimeSpan.Zero);
        }

        return retryAfter?.Date is { } date ? Max(date - now, TimeSpan.Zero) : null;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
