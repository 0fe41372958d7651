using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Receipts.Domain.Outcomes;
using Receipts.Domain.Storage;
using Receipts.Sources.Http;

namespace Receipts.Sources.Asana;

/// <summary>
/// Imports an Asana project's task completions as <see cref="TicketEvent"/>s. Asana has no status log, so the
/// task's system stories say it: <c>marked_complete</c> is Completed, <c>marked_incomplete</c> is Reopened;
/// a completed task with no such story falls back to its <c>completed_at</c>. Pages follow <c>next_page.offset</c>;
/// re-runs ask for tasks modified since the cursor. Everything is read, then written once.
/// </summary>
public sealed partial class AsanaImporter
{
    public const string SourceName = "asana";

    private readonly ApiClient _api;
    private readonly AsanaImportOptions _options;
    private readonly string _project;

    public AsanaImporter(ApiClient api, AsanaImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        var project = options.Project.Trim();
        if (!Gid().IsMatch(project))
        {
            throw new SourceException($"'{options.Project}' is not an Asana project gid.", "Pass --project GID: the number in the project's URL, https://app.asana.com/0/GID/list.");
        }

        _api = api;
        _options = options;
        _project = project;
    }

    public async Task<ImportSummary> ImportAsync(IOutcomeStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var cursors = await store.GetCursorsAsync(SourceName, cancellationToken);
        var cursor = CursorState.Read<AsanaCursor>(cursors, _project);
        var newest = cursor.ModifiedAt;
        var events = new List<TicketEvent>();

        var since = cursor.ModifiedAt is { } modified
            ? "&modified_since=" + Uri.EscapeDataString(modified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
            : string.Empty;
        var tasksUrl = Api(string.Create(CultureInfo.InvariantCulture, $"tasks?project={_project}&opt_fields=gid,completed,completed_at,modified_at&limit={_options.PageSize}{since}"));
        var tasks = new List<(string Gid, DateTimeOffset? CompletedAt)>();
        await foreach (var (reader, task) in ItemsAsync(tasksUrl, "the task list", cancellationToken))
        {
            var gid = reader.Text(task, "gid", "a task");
            var modifiedAt = reader.Time(task, "modified_at", $"task {gid}");
            newest = newest is { } n && n > modifiedAt ? n : modifiedAt;
            var completed = reader.Flag(task, "completed", $"task {gid}");
            tasks.Add((gid, completed ? reader.OptionalTime(task, "completed_at", $"task {gid}") : null));
        }

        foreach (var (gid, completedAt) in tasks)
        {
            var storiesUrl = Api(string.Create(CultureInfo.InvariantCulture, $"tasks/{gid}/stories?opt_fields=gid,created_at,resource_subtype,created_by.gid&limit={_options.PageSize}"));
            var sawCompletion = false;
            await foreach (var (reader, story) in ItemsAsync(storiesUrl, $"the stories of task {gid}", cancellationToken))
            {
                var storyGid = reader.Text(story, "gid", $"a story of task {gid}");
                var where = $"story {storyGid} of task {gid}";
                TicketEventKind? kind = reader.OptionalText(story, "resource_subtype", where) switch
                {
                    "marked_complete" => TicketEventKind.Completed,
                    "marked_incomplete" => TicketEventKind.Reopened,
                    _ => null,
                };
                if (kind is not { } k)
                {
                    continue;
                }

                sawCompletion |= k == TicketEventKind.Completed;
                events.Add(Event($"asana:story:{storyGid}", gid, k, reader.Time(story, "created_at", where),
                    reader.OptionalChild(story, "created_by", where) is { } by ? reader.OptionalText(by, "gid", where) : null));
            }

            if (!sawCompletion && completedAt is { } at)
            {
                events.Add(Event(string.Create(CultureInfo.InvariantCulture, $"asana:task:{gid}:completed:{at.ToUnixTimeMilliseconds()}"), gid, TicketEventKind.Completed, at, null));
            }
        }

        var updatedCursor = cursor with { ModifiedAt = newest };
        if (updatedCursor != cursor)
        {
            await store.WriteTicketEventsAsync(events, [new SourceCursor(SourceName, _project, CursorState.Write(updatedCursor))], cancellationToken);
        }

        return new ImportSummary(SourceName, _project, 0, events.Count, 0, _api.Requests, _api.Retries, _api.Waits.Aggregate(TimeSpan.Zero, (a, b) => a + b));
    }

    private TicketEvent Event(string id, string task, TicketEventKind kind, DateTimeOffset at, string? actor) => new()
    {
        Id = id,
        Tracker = SourceName,
        TicketId = task,
        Kind = kind,
        At = at,
        Project = _project,
        Actor = actor,
    };

    /// <summary>Every item of <c>data</c>, page after page while <c>next_page.offset</c> is given.</summary>
    private async IAsyncEnumerable<(PageReader Reader, JsonElement Item)> ItemsAsync(
        Uri url,
        string what,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? next = url;
        while (next is not null)
        {
            var page = await _api.GetAsync(next, null, cancellationToken);
            var reader = page.Reader("Asana");
            var items = reader.List(page.Root, "data", what);
            foreach (var item in items.EnumerateArray())
            {
                yield return (reader, item);
            }

            var offset = reader.OptionalChild(page.Root, "next_page", what) is { } nextPage ? reader.OptionalText(nextPage, "offset", what + " next_page") : null;
            next = offset is null || items.GetArrayLength() == 0 ? null : Paging.WithQuery(url, "offset", offset);
        }
    }

    private Uri Api(string relative) => new(new Uri(_options.ApiUrl.AbsoluteUri.TrimEnd('/') + "/"), relative);

    [GeneratedRegex("^[0-9]{1,30}$")]
    private static partial Regex Gid();
}
