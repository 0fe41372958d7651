using System.Web;

namespace Receipts.Sources.Tests.Fakes;

/// <summary>A request the local API server received: method, raw path, query, headers and body.</summary>
internal sealed record RecordedRequest(string Method, string Path, string QueryString, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Query(string name) => HttpUtility.ParseQueryString(QueryString)[name];

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
