using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Receipts.Domain.Outcomes;
using Receipts.Domain.Storage;
using Receipts.Domain.Tickets;
using Receipts.Sources.Http;

namespace Receipts.Sources.GitHub;

/// <summary>
/// Imports a GitHub repository's merged pull requests as <see cref="Change"/>s (files, labels, linked issues,
/// reverts, review time) and its issues' closed/reopened events as <see cref="TicketEvent"/>s.
/// Incremental: PRs are read newest-updated first down to the cursor, issue events down to the last id seen,
/// and the first page of each is asked for with If-None-Match (a 304 costs no rate limit and means nothing new).
/// Everything is read first and written at the end, each write with its cursor: a failure writes nothing.
/// </summary>
public sealed partial class GitHubImporter
{
    public const string SourceName = "github";

    private readonly ApiClient _api;
    private readonly GitHubImportOptions _options;
    private readonly string _owner;
    private readonly string _name;
    private readonly string _repository;
    private readonly string _repo;

    public GitHubImporter(ApiClient api, GitHubImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        var match = RepositoryName().Match(options.Repository.Trim());
        if (!match.Success)
        {
            throw new SourceException($"'{options.Repository}' is not a GitHub repository name.", "Pass --repo OWNER/NAME, for example --repo acme/payments.");
        }

        _api = api;
        _options = options;
        _owner = match.Groups["owner"].Value;
        _name = match.Groups["name"].Value;
        _repository = $"{_owner}/{_name}".ToLowerInvariant();
        _repo = $"{options.WebHost ?? GitHubApi.WebHost(options.ApiUrl)}/{_repository}".ToLowerInvariant();
    }

    /// <summary>The normalised repository changes are stored under: <c>github.com/owner/name</c>.</summary>
    public string Repo => _repo;

    public async Task<ImportSummary> ImportAsync(IOutcomeStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var cursors = await store.GetCursorsAsync(SourceName, cancellationToken);
        var cursor = CursorState.Read<GitHubCursor>(cursors, _repo);
        var notModified = 0;

        var defaultBranch = await ReadDefaultBranchAsync(cancellationToken);
        var (pulls, pullsCursor, pullsNotModified) = await ReadMergedPullsAsync(cursor, defaultBranch, cancellationToken);
        notModified += pullsNotModified ? 1 : 0;

        var changes = new List<Change>(pulls.Count);
        var closing = await ReadClosingIssuesAsync([.. pulls.Select(p => p.Number!.Value)], cancellationToken);
        foreach (var pull in pulls)
        {
            var number = pull.Number!.Value;
            var (files, previousFiles) = await ReadFilesAsync(number, cancellationToken);
            var firstReview = await ReadFirstReviewAsync(number, cancellationToken);
            var tickets = pull.Tickets
                .Concat(closing.TryGetValue(number, out var linked) ? linked : [])
                .Distinct(StringComparer.Ordinal)
                .ToList();
            changes.Add(pull with { Files = files, PreviousFiles = previousFiles, FirstReviewAt = firstReview, Tickets = tickets });
        }

        var (events, eventsCursor, eventsNotModified) = await ReadIssueEventsAsync(pullsCursor, cancellationToken);
        notModified += eventsNotModified ? 1 : 0;

        // Changes go with a cursor that has only the PR part advanced, so a failure between the two writes
        // leaves the issue events to be read again next time, never skipped.
        if (pullsCursor != cursor)
        {
            await store.WriteChangesAsync(changes, [Cursor(pullsCursor)], cancellationToken);
        }

        if (eventsCursor != pullsCursor)
        {
            await store.WriteTicketEventsAsync(events, [Cursor(eventsCursor)], cancellationToken);
        }

        return new ImportSummary(SourceName, _repo, changes.Count, events.Count, notModified, _api.Requests, _api.Retries, Sum(_api.Waits));
    }

    /// <summary>The repository's default branch: only PRs merged into it are changes. A wrong name or token fails here, first.</summary>
    private async Task<string> ReadDefaultBranchAsync(CancellationToken cancellationToken)
    {
        var page = await _api.GetAsync(Api($"repos/{_owner}/{_name}"), null, cancellationToken);
        var reader = page.Reader("GitHub");
        return reader.Text(page.Root, "default_branch", "the repository");
    }

    private async Task<(List<Change> Pulls, GitHubCursor Cursor, bool NotModified)> ReadMergedPullsAsync(GitHubCursor cursor, string defaultBranch, CancellationToken cancellationToken)
    {
        var pulls = new List<Change>();
        Uri? url = Api($"repos/{_owner}/{_name}/pulls?state=closed&base={Uri.EscapeDataString(defaultBranch)}&sort=updated&direction=desc&per_page={_options.PageSize}");
        var first = true;
        string? etag = null;
        var newest = cursor.PullsUpdatedAt;
        while (url is not null)
        {
            var page = await _api.GetAsync(url, first ? cursor.PullsETag : null, cancellationToken);
            if (page.NotModified)
            {
                return (pulls, cursor, true);
            }

            if (first)
            {
                etag = page.ETag;
                first = false;
            }

            var reader = page.Reader("GitHub");
            var items = reader.Items(page.Root, "the pull request list");
            var reachedCursor = false;
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                var where = $"pull request #{index++} on the page";
                var updatedAt = reader.Time(item, "updated_at", where);
                if (cursor.PullsUpdatedAt is { } since && updatedAt < since)
                {
                    reachedCursor = true;
                    break;
                }

                newest = newest is { } n && n > updatedAt ? n : updatedAt;
                if (ReadPull(reader, item, where) is { } change)
                {
                    pulls.Add(change);
                }
            }

            url = reachedCursor || items.GetArrayLength() == 0 ? null : page.Next;
        }

        return (pulls, cursor with { PullsUpdatedAt = newest, PullsETag = etag }, false);
    }

    private Change? ReadPull(PageReader reader, JsonElement item, string where)
    {
        var number = reader.SmallNumber(item, "number", where);
        where = $"pull request #{number}";
        if (reader.OptionalTime(item, "merged_at", where) is not { } mergedAt)
        {
            return null;
        }

        var sha = reader.OptionalText(item, "merge_commit_sha", where)
            ?? throw reader.Malformed($"{where}: merged but 'merge_commit_sha' is null");
        var title = reader.Text(item, "title", where);
        var body = reader.OptionalText(item, "body", where);
        var head = reader.OptionalChild(item, "head", where) is { } h ? reader.OptionalText(h, "ref", where + " head") : null;
        var user = reader.OptionalChild(item, "user", where) is { } u ? reader.OptionalText(u, "login", where + " user") : null;
        var labels = new List<string>();
        if (reader.OptionalList(item, "labels", where) is { } labelItems)
        {
            foreach (var label in labelItems.EnumerateArray())
            {
                labels.Add(reader.Text(label, "name", where + " label"));
            }
        }

        var tickets = ClosingReferences.In(body, _repository)
            .Concat(TicketIdParser.InChange(title, head))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        // The body is read for links and revert markers only; it is never stored.
        return new Change
        {
            Repo = _repo,
            Id = string.Create(CultureInfo.InvariantCulture, $"#{number}"),
            Sha = sha.ToLowerInvariant(),
            Number = number,
            MergedAt = mergedAt,
            Author = user,
            HeadBranch = head,
            Title = title,
            Labels = labels,
            Tickets = tickets,
            Reverts = RevertMessageParser.Parse(title, body, head, _repository),
            Source = SourceName,
            OpenedAt = reader.OptionalTime(item, "created_at", where),
        };
    }

    /// <summary>The PR's files (new paths) and the old paths of the ones it renamed.</summary>
    private async Task<(IReadOnlyList<string> Files, IReadOnlyList<string> Previous)> ReadFilesAsync(int number, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        var previousFiles = new List<string>();
        Uri? url = Api(string.Create(CultureInfo.InvariantCulture, $"repos/{_owner}/{_name}/pulls/{number}/files?per_page={_options.PageSize}"));
        while (url is not null)
        {
            var page = await _api.GetAsync(url, null, cancellationToken);
            var reader = page.Reader("GitHub");
            var items = reader.Items(page.Root, $"the file list of pull request #{number}");
            foreach (var item in items.EnumerateArray())
            {
                var where = $"a file of pull request #{number}";
                files.Add(reader.Text(item, "filename", where));
                if (reader.OptionalText(item, "previous_filename", where) is { } previous)
                {
                    previousFiles.Add(previous);
                }
            }

            url = items.GetArrayLength() == 0 ? null : page.Next;
        }

        return ([.. files.Distinct(StringComparer.Ordinal)], [.. previousFiles.Distinct(StringComparer.Ordinal)]);
    }

    private async Task<DateTimeOffset?> ReadFirstReviewAsync(int number, CancellationToken cancellationToken)
    {
        DateTimeOffset? first = null;
        Uri? url = Api(string.Create(CultureInfo.InvariantCulture, $"repos/{_owner}/{_name}/pulls/{number}/reviews?per_page={_options.PageSize}"));
        while (url is not null)
        {
            var page = await _api.GetAsync(url, null, cancellationToken);
            var reader = page.Reader("GitHub");
            var items = reader.Items(page.Root, $"the reviews of pull request #{number}");
            foreach (var item in items.EnumerateArray())
            {
                // A pending review has no submitted_at yet.
                if (reader.OptionalTime(item, "submitted_at", $"a review of pull request #{number}") is { } at && (first is null || at < first))
                {
                    first = at;
                }
            }

            url = items.GetArrayLength() == 0 ? null : page.Next;
        }

        return first;
    }

    /// <summary>GraphQL <c>closingIssuesReferences</c> for the merged PRs, a batch of aliased fields per query.</summary>
    private async Task<Dictionary<int, List<string>>> ReadClosingIssuesAsync(IReadOnlyList<int> numbers, CancellationToken cancellationToken)
    {
        var linked = new Dictionary<int, List<string>>();
        foreach (var batch in numbers.Chunk(_options.GraphQlBatchSize))
        {
            var query = new StringBuilder("query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) {");
            foreach (var number in batch)
            {
                query.Append(CultureInfo.InvariantCulture, $" pr{number}: pullRequest(number: {number}) {{ closingIssuesReferences(first: 50) {{ nodes {{ number repository {{ nameWithOwner }} }} }} }}");
            }

            query.Append(" } }");
            var body = JsonSerializer.Serialize(new { query = query.ToString(), variables = new { owner = _owner, name = _name } });
            var page = await _api.PostJsonAsync(GitHubApi.GraphQlUrl(_options.ApiUrl), body, cancellationToken);
            var reader = page.Reader("GitHub");
            ThrowOnGraphQlErrors(reader, page.Root);
            var repository = reader.Child(reader.Child(page.Root, "data", "the GraphQL answer"), "repository", "the GraphQL data");
            foreach (var number in batch)
            {
                var where = $"GraphQL pull request #{number}";
                if (reader.OptionalChild(repository, $"pr{number}", where) is not { } pull)
                {
                    continue;
                }

                var nodes = reader.List(reader.Child(pull, "closingIssuesReferences", where), "nodes", where);
                var list = linked[number] = [];
                foreach (var node in nodes.EnumerateArray())
                {
                    var issue = reader.SmallNumber(node, "number", where + " closing issue");
                    var owner = reader.Text(reader.Child(node, "repository", where + " closing issue"), "nameWithOwner", where + " closing issue");
                    list.Add(ClosingReferences.IssueId(owner, issue));
                }
            }
        }

        return linked;
    }

    private async Task<(List<TicketEvent> Events, GitHubCursor Cursor, bool NotModified)> ReadIssueEventsAsync(GitHubCursor cursor, CancellationToken cancellationToken)
    {
        var events = new List<TicketEvent>();
        Uri? url = Api($"repos/{_owner}/{_name}/issues/events?per_page={_options.PageSize}");
        var first = true;
        string? etag = null;
        var newest = cursor.EventsLastId;
        while (url is not null)
        {
            var page = await _api.GetAsync(url, first ? cursor.EventsETag : null, cancellationToken);
            if (page.NotModified)
            {
                return (events, cursor, true);
            }

            if (first)
            {
                etag = page.ETag;
                first = false;
            }

            var reader = page.Reader("GitHub");
            var items = reader.Items(page.Root, "the issue event list");
            var reachedCursor = false;
            long? firstId = null;
            long? lastId = null;
            foreach (var item in items.EnumerateArray())
            {
                var id = reader.Number(item, "id", "an issue event");
                firstId ??= id;
                lastId = id;
                if (cursor.EventsLastId is { } last && id <= last)
                {
                    reachedCursor = true;
                    continue;
                }

                newest = newest is { } n && n > id ? n : id;
                if (ReadIssueEvent(reader, item, id) is { } ticketEvent)
                {
                    events.Add(ticketEvent);
                }
            }

            // The list comes newest first (observed; the docs do not say): a page reaching the cursor ends the read.
            // Should a page come oldest first, reading goes on, and old events are skipped, not lost.
            var newestFirst = firstId >= lastId;
            url = (reachedCursor && newestFirst) || items.GetArrayLength() == 0 ? null : page.Next;
        }

        return (events, cursor with { EventsLastId = newest, EventsETag = etag }, false);
    }

    private TicketEvent? ReadIssueEvent(PageReader reader, JsonElement item, long id)
    {
        var where = string.Create(CultureInfo.InvariantCulture, $"issue event {id}");
        var kind = reader.Text(item, "event", where) switch
        {
            "reopened" => TicketEventKind.Reopened,
            "closed" => TicketEventKind.Completed,
            _ => (TicketEventKind?)null,
        };
        if (kind is null)
        {
            return null;
        }

        var issue = reader.Child(item, "issue", where);

        // Pull requests are issues too; their closing is not a ticket's.
        if (reader.OptionalChild(issue, "pull_request", where) is not null)
        {
            return null;
        }

        // Closed as not planned or duplicate is not a completed task; a reopen after it still counts as one.
        var reason = reader.OptionalText(item, "state_reason", where) ?? reader.OptionalText(issue, "state_reason", where);
        if (kind == TicketEventKind.Completed && reason is "not_planned" or "duplicate")
        {
            return null;
        }

        var actor = reader.OptionalChild(item, "actor", where) is { } a ? reader.OptionalText(a, "login", where) : null;
        return new TicketEvent
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"github:{_repo}:event:{id}"),
            Tracker = SourceName,
            TicketId = ClosingReferences.IssueId(_repository, reader.SmallNumber(issue, "number", where)),
            Kind = kind.Value,
            At = reader.Time(item, "created_at", where),
            Project = _repository,
            Actor = actor,
        };
    }

    private static void ThrowOnGraphQlErrors(PageReader reader, JsonElement root)
    {
        if (reader.OptionalList(root, "errors", "the GraphQL answer") is { } errors && errors.GetArrayLength() > 0)
        {
            var messages = errors.EnumerateArray()
                .Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("message", out var m) ? m.GetString() : null)
                .Where(m => m is not null);
            throw new SourceException(
                $"GitHub GraphQL answered errors at {reader.Url}: {string.Join("; ", messages)}",
                "Check that the token can read the repository's pull requests and issues.");
        }
    }

    private Uri Api(string relative) => new(new Uri(_options.ApiUrl.AbsoluteUri.TrimEnd('/') + "/"), relative);

    private SourceCursor Cursor(GitHubCursor state) => new(SourceName, _repo, CursorState.Write(state));

    private static TimeSpan Sum(IEnumerable<TimeSpan> waits) => waits.Aggregate(TimeSpan.Zero, (sum, w) => sum + w);

    [GeneratedRegex(@"^(?<owner>[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)/(?<name>[A-Za-z0-9._-]+)$")]
    private static partial Regex RepositoryName();
}
