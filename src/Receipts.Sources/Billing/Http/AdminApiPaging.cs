using System.Text.Json;
using Receipts.Domain.Billing;

namespace Receipts.Sources.Billing.Http;

/// <summary>
/// The two paging shapes Anthropic's and OpenAI's admin APIs share: object lists paged by the last id
/// (<c>data[]</c>, <c>last_id</c>, <c>has_more</c>), and usage/cost reports of time buckets
/// (<c>data[].results[]</c>, followed with <c>page=next_page</c> while <c>has_more</c>).
/// </summary>
internal static class AdminApiPaging
{
    /// <param name="afterParameter">The cursor's query name: <c>after_id</c> (Anthropic) or <c>after</c> (OpenAI).</param>
    public static async Task<List<BillingIdentity>> ListAsync(
        BillingApiClient api, string path, int limit, string afterParameter, Func<JsonElement, BillingIdentity> map, CancellationToken cancellationToken)
    {
        var result = new List<BillingIdentity>();
        string? after = null;
        while (true)
        {
            var url = $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}limit={limit}" + (after is null ? string.Empty : $"&{afterParameter}={Uri.EscapeDataString(after)}");
            using var page = await api.GetAsync(url, cancellationToken);
            result.AddRange(JsonFields.Array(page.RootElement, "data", path).Select(map));
            after = JsonFields.String(page.RootElement, "last_id");
            if (JsonFields.Bool(page.RootElement, "has_more") != true || after is null)
            {
                return result;
            }
        }
    }

    /// <summary>Calls <paramref name="row"/> with (bucket, result, "report, page N") for every result of every page.</summary>
    public static async Task BucketPagesAsync(
        BillingApiClient api, string url, string report, Action<JsonElement, JsonElement, string> row, CancellationToken cancellationToken)
    {
        string? next = null;
        var pageNumber = 0;
        do
        {
            pageNumber++;
            using var page = await api.GetAsync(next is null ? url : $"{url}&page={Uri.EscapeDataString(next)}", cancellationToken);
            var where = $"{report}, page {pageNumber}";
            foreach (var bucket in JsonFields.Array(page.RootElement, "data", where))
            {
                foreach (var result in JsonFields.Array(bucket, "results", where))
                {
                    row(bucket, result, where);
                }
            }

            next = JsonFields.Bool(page.RootElement, "has_more") == true ? JsonFields.String(page.RootElement, "next_page") : null;
        }
        while (next is not null);
    }
}
