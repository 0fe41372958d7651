using System.Text.Json;

namespace Receipts.Sources.Http;

/// <summary>One answer from an API: the JSON (cloned, safe to keep), or 304 Not Modified; the validators and the next page.</summary>
public sealed record ApiPage(Uri Url, bool NotModified, JsonElement Root, string? ETag, Uri? Next, string? NextPageNumber)
{
    public PageReader Reader(string service) => new(service, Url);
}
