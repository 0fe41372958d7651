using System.Web;

namespace Receipts.Sources.Http;

/// <summary>The next page of a list: the <c>Link rel="next"</c> URL, else GitLab's <c>x-next-page</c> number put into <c>page=</c>.</summary>
public static class Paging
{
    public static Uri? Next(ApiPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.Next is not null)
        {
            return page.Next;
        }

        return page.NextPageNumber is { } number ? WithQuery(page.Url, "page", number) : null;
    }

    /// <summary><paramref name="url"/> with <paramref name="name"/> set to <paramref name="value"/> (added or replaced).</summary>
    public static Uri WithQuery(Uri url, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(url);
        var builder = new UriBuilder(url);
        var query = HttpUtility.ParseQueryString(builder.Query);
        query[name] = value;
        builder.Query = query.ToString();
        return builder.Uri;
    }
}
