using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Receipts.Server.Tests;

/// <summary>Builds /v1/usage bodies the way a client would: JSON text, camelCase.</summary>
internal static class Usage
{
    public static string Record(string id, long output = 5, string model = "claude-sonnet-4-5", string? tagsJson = null) =>
        $$"""
        {"id":"{{id}}","sourceKind":"generic","at":"2026-11-20T10:00:00Z","provider":"anthropic","model":"{{model}}",
         "tokens":{"input":3,"output":{{output.ToString(CultureInfo.InvariantCulture)}},"cacheRead":100,"cacheWrite5m":10,"cacheWrite1h":0},
         "requests":1,"repo":"github.com/acme/payments","branch":"feat/PAY-1","ticketIds":["PAY-1"]{{(tagsJson is null ? string.Empty : ",\"tags\":" + tagsJson)}}}
        """;

    public static string Batch(params string[] records) => $$"""{"records":[{{string.Join(",", records)}}]}""";

    public static string Batch(IEnumerable<string> records) => Batch(records.ToArray());

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static HttpRequestMessage Post(string body, string? token, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/usage") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}
