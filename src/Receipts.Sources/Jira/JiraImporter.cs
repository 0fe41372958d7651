using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Receipts.Domain.Outcomes;
using Receipts.Domain.Storage;
using Receipts.Sources.Http;

namespace Receipts.Sources.Jira;

/// <summary>
/// Imports a Jira Cloud project's status transitions as <see cref="TicketEvent"/>s, classified by status
/// CATEGORY (never by name): into <c>done</c> from another category is Completed, out of <c>done</c> is Reopened.
/// Issues come from <c>/rest/api/3/search/jql</c> (nextPageToken) with the changelog expanded; a truncated
/// changelog is read in full from <c>/issue/{key}/changelog</c>. Everything is read, then written once.
/// </summary>
public sealed partial class JiraImporter
{
    public const string SourceName = "jira";

    private const string Done = "done";

    private readonly ApiClient _api;
    private readonly JiraImportOptions _options;
    private readonly string _key;

    public JiraImporter(ApiClient api, JiraImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        var project = options.Project.Trim().ToUpperInvariant();
        if (!ProjectKey().IsMatch(project))
        {
            throw new SourceException($"'{options.Project}' is not a Jira project key.", "Pass --project KEY, for example --project PAY.");
        }

        _api = api;
        _options = options with { Project = project };
        _key = $"{options.Site.Host.ToLowerInvariant()}/{project}";
    }

    public async Task<ImportSummary> ImportAsync(IOutcomeStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var cursors = await store.GetCursorsAsync(SourceName, cancellationToken);
        var cursor = CursorState.Read<JiraCursor>(cursors, _key);

        var categories = await ReadStatusCategoriesAsync(cancellationToken);
        var events = new List<TicketEvent>();
        var newest = cursor.UpdatedAt;
        string? token = null;
        do
        {
            var url = Api("rest/api/3/search/jql"
                + "?jql=" + Uri.EscapeDataString(Jql(cursor))
                + "&fields=status,project,updated&expand=changelog"
                + string.Create(CultureInfo.InvariantCulture, $"&maxResults={_options.PageSize}")
                + (token is null ? string.Empty : "&nextPageToken=" + Uri.EscapeDataString(token)));
            var page = await _api.GetAsync(url, null, cancellationToken);
            var reader = page.Reader("Jira");
            var issues = reader.List(page.Root, "issues", "the search answer");
            foreach (var issue in issues.EnumerateArray())
            {
                var key = reader.Text(issue, "key", "an issue");
                var fields = reader.Child(issue, "fields", $"issue {key}");
                var updated = reader.Time(fields, "updated", $"issue {key} fields");
                newest = newest is { } n && n > updated ? n : updated;
                var project = reader.OptionalChild(fields, "project", $"issue {key} fields") is { } p ? reader.OptionalText(p, "key", $"issue {key} project") : null;
                var histories = await ReadHistoriesAsync(reader, issue, key, cancellationToken);
                events.AddRange(Transitions(histories, key, project ?? _options.Project, categories));
            }

            token = reader.OptionalText(page.Root, "nextPageToken", "the search answer");
            var isLast = page.Root.TryGetProperty("isLast", out var last) && last.ValueKind == JsonValueKind.True;
            if (isLast || issues.GetArrayLength() == 0)
            {
                token = null;
            }
        }
        while (token is not null);

        var updatedCursor = cursor with { UpdatedAt = newest };
        if (updatedCursor != cursor)
        {
            await store.WriteTicketEventsAsync(events, [new SourceCursor(SourceName, _key, CursorState.Write(updatedCursor))], cancellationToken);
        }

        return new ImportSummary(SourceName, _key, 0, events.Count, 0, _api.Requests, _api.Retries, _api.Waits.Aggregate(TimeSpan.Zero, (a, b) => a + b));
    }

    private string Jql(JiraCursor cursor)
    {
        var since = cursor.UpdatedAt is { } updated
            ? string.Create(CultureInfo.InvariantCulture, $" AND updated >= \"{(updated - _options.Overlap).UtcDateTime:yyyy-MM-dd}\"")
            : string.Empty;
        return $"project = \"{_options.Project}\"{since} ORDER BY updated ASC";
    }

    /// <summary>Status id → category key (<c>new</c>, <c>indeterminate</c>, <c>done</c>), and status name → category as a fallback.</summary>
    private async Task<Dictionary<string, string>> ReadStatusCategoriesAsync(CancellationToken cancellationToken)
    {
        var page = await _api.GetAsync(Api("rest/api/3/status"), null, cancellationToken);
        var reader = page.Reader("Jira");
        var categories = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var status in reader.Items(page.Root, "the status list").EnumerateArray())
        {
            var id = reader.Text(status, "id", "a status");
            var category = reader.Text(reader.Child(status, "statusCategory", $"status {id}"), "key", $"status {id} category");
            categories[id] = category;
            if (reader.OptionalText(status, "name", $"status {id}") is { } name)
            {
                categories.TryAdd("name:" + name, category);
            }
        }

        return categories;
    }

    private async Task<List<JsonElement>> ReadHistoriesAsync(PageReader reader, JsonElement issue, string key, CancellationToken cancellationToken)
    {
        var changelog = reader.OptionalChild(issue, "changelog", $"issue {key}");
        if (changelog is { } embedded)
        {
            var histories = reader.List(embedded, "histories", $"issue {key} changelog");
            var total = embedded.TryGetProperty("total", out var t) && t.TryGetInt32(out var n) ? n : histories.GetArrayLength();
            if (total <= histories.GetArrayLength())
            {
                return [.. histories.EnumerateArray()];
            }
        }

        // The embedded changelog is truncated: read all of it, page by page.
        var all = new List<JsonElement>();
        var startAt = 0;
        while (true)
        {
            var url = Api(string.Create(CultureInfo.InvariantCulture, $"rest/api/3/issue/{Uri.EscapeDataString(key)}/changelog?startAt={startAt}&maxResults={_options.PageSize}"));
            var page = await _api.GetAsync(url, null, cancellationToken);
            var pageReader = page.Reader("Jira");
            var values = pageReader.List(page.Root, "values", $"the changelog of {key}");
            all.AddRange(values.EnumerateArray());
            startAt += values.GetArrayLength();
            var isLast = page.Root.TryGetProperty("isLast", out var last) && last.ValueKind == JsonValueKind.True;
            var total = page.Root.TryGetProperty("total", out var t) && t.TryGetInt32(out var n) ? n : int.MaxValue;
            if (isLast || values.GetArrayLength() == 0 || startAt >= total)
            {
                return all;
            }
        }
    }

    private IEnumerable<TicketEvent> Transitions(List<JsonElement> histories, string key, string project, Dictionary<string, string> categories)
    {
        var reader = new PageReader("Jira", _options.Site);
        foreach (var history in histories)
        {
            var id = reader.Text(history, "id", $"a changelog entry of {key}");
            var where = $"changelog entry {id} of {key}";
            var at = reader.Time(history, "created", where);
            var actor = reader.OptionalChild(history, "author", where) is { } author ? reader.OptionalText(author, "accountId", where) : null;
            foreach (var item in reader.List(history, "items", where).EnumerateArray())
            {
                var field = reader.OptionalText(item, "fieldId", where) ?? reader.OptionalText(item, "field", where);
                if (!string.Equals(field, "status", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var from = Category(categories, reader.OptionalText(item, "from", where), reader.OptionalText(item, "fromString", where));
                var to = Category(categories, reader.OptionalText(item, "to", where), reader.OptionalText(item, "toString", where));
                TicketEventKind? kind = (from == Done, to == Done) switch
                {
                    (false, true) => TicketEventKind.Completed,
                    (true, false) => TicketEventKind.Reopened,
                    _ => null,
                };
                if (kind is { } k)
                {
                    yield return new TicketEvent
                    {
                        Id = $"jira:{_options.Site.Host.ToLowerInvariant()}:{key}:{id}",
                        Tracker = SourceName,
                        TicketId = key,
                        Kind = k,
                        At = at,
                        Project = project,
                        Actor = actor,
                    };
                }
            }
        }
    }

    private static string? Category(Dictionary<string, string> categories, string? id, string? name) =>
        id is not null && categories.TryGetValue(id, out var byId) ? byId
        : name is not null && categories.TryGetValue("name:" + name, out var byName) ? byName
        : null;

    private Uri Api(string relative) => new(new Uri(_options.Site.AbsoluteUri.TrimEnd('/') + "/"), relative);

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,49}$")]
    private static partial Regex ProjectKey();
}
