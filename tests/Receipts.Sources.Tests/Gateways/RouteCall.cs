using Microsoft.AspNetCore.Http;
using Receipts.Sources.Tests.Billing;

namespace Receipts.Sources.Tests.Gateways;

/// <summary>One request to a <see cref="RouteServer"/>: what was asked, and how to answer.</summary>
internal sealed record RouteCall(HttpContext Context, string Method, string Path, string Query, string Body, int Number)
{
    /// <summary>The request headers, copied: they stay readable after the request (the context does not).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; } =
        Context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : string.Empty;

    public string QueryValue(string name) => Context.Request.Query[name].ToString();

    /// <summary>A query value read from the recorded query string (usable after the request).</summary>
    public string QueryValueText(string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Query).TryGetValue(name, out var value) ? value.ToString() : string.Empty;

    public Task Json(string json, int status = 200) => FakeApiServer.JsonAsync(Context, json, status);

    /// <summary>A 429 asking to wait <paramref name="seconds"/> seconds.</summary>
    public Task Throttle(int seconds)
    {
        Context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Json("""{"error":"rate limited"}""", 429);
    }

    public Task Fail() => Json("""{"error":"internal"}""", 500);

    public Task NotFound()
    {
        Context.Response.StatusCode = 404;
        return Task.CompletedTask;
    }
}
