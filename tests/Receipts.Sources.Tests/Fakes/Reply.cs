namespace Receipts.Sources.Tests.Fakes;

/// <summary>What the local API server answers: a status, a body and headers.</summary>
internal sealed record Reply(int Status, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public static Reply Json(string body, params (string Name, string Value)[] headers) =>
        new(200, body, headers.ToDictionary(h => h.Name, h => h.Value));

    public static Reply With(int status, string body = "{}", params (string Name, string Value)[] headers) =>
        new(status, body, headers.ToDictionary(h => h.Name, h => h.Value));
}
