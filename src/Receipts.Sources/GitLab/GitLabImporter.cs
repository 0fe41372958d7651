using System.Globalization;
using System.Text.Json;
using Receipts.Domain.Outcomes;
using Receipts.Domain.Storage;
using Receipts.Domain.Tickets;
using Receipts.Sources.Http;

namespace Receipts.Sources.GitLab;

/// <summary>
/// Imports a GitLab project's merged merge requests as <see cref="Change"/>s (files, labels, closing issues,
/// reverts) and its issues' closed/reopened resource state events as <see cref="TicketEvent"/>s.
/// Incremental by <c>updated_after</c>; pages followed by <c>Link</c> (keyset or offset) or <c>x-next-page</c>.
/// Everything is read first and written at the end, each write with its cursor: a failure writes nothing.
/// </summary>
public sealed class GitLabImporter
{
    public const string SourceName = "gitlab";

    private readonly ApiClient _api;
    private readonly GitLabImportOptions _options;
    private readonly string _project;
    private readonly string _repo;
    private readonly string _projectSegment;

    public GitLabImporter(ApiClient api, GitLabImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        var project = options.Project.Trim().Trim('/');
        if (!project.Contains('/', StringComparison.Ordinal) || project.Contains(' ', StringComparison.Ordinal))
        {
            throw new SourceException($"'{options.Project}' is not a GitLab project path.", "Pass --project GROUP/NAME, for example --project acme/payments.");
        }

        _api = api;
        _options = options;
        _project = project.ToLowerInvariant();
        _repo = $"{options.WebHost ?? options.ApiUrl.Host}/{_project}".ToLowerInvariant();
        _projectSegment = Uri.EscapeDataString(project);
    }

    public string Repo => _repo;

    public async Task<ImportSummary> ImportAsync(IOutcomeStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var cursors = await store.GetCursorsAsync(SourceName, cancellationToken);
        var cursor = CursorState.Read<GitLabCursor>(cursors, _repo);

        var defaultBranch = await ReadDefaultBranchAsync(cancellationToken);
        var (changes, mergedCursor) = await ReadMergeRequestsAsync(cursor, defaultBranch, cancellationToken);
        var (events, issuesCursor) = await ReadIssueEventsAsync(mergedCursor, cancellationToken);

        if (mergedCursor != cursor)
        {
            await store.WriteChangesAsync(changes, [Cursor(mergedCursor)], cancellationToken);
        }

        if (issuesCursor != mergedCursor)
        {
            await store.WriteTicketEventsAsync(events, [Cursor(issuesCursor)], cancellationToken);
        }

        return new ImportSummary(SourceName, _repo, changes.Count, events.Count, 0, _api.Requests, _api.Retries, _api.Waits.Aggregate(TimeSpan.Zero, (a, b) => a + b));
    }

    /// <summary>The project's default branch: only MRs merged into it are changes. A wrong path or token fails here, first.</summary>
    private async Task<string> ReadDefaultBranchAsync(CancellationToken cancellationToken)
    {
        var page = await _api.GetAsync(Api($"projects/{_projectSegment}"), null, cancellationToken);
        var reader = page.Reader("GitLab");
        return reader.Text(page.Root, "default_branch", "the project");
    }

    private async Task<(List<Change> Changes, GitLabCursor Cursor)> ReadMergeRequestsAsync(GitLabCursor cursor, string defaultBranch, CancellationToken cancellationToken)
    {
        var changes = new List<Change>();
        var newest = cursor.MergeRequestsUpdatedAt;
        var url = Api($"projects/{_projectSegment}/merge_requests?state=merged&target_branch={Uri.EscapeDataString(defaultBranch)}&order_by=updated_at&sort=desc&per_page={_options.PageSize}{Since(cursor.MergeRequestsUpdatedAt)}");
        await foreach (var (reader, item, index) in ItemsAsync(url, "the merge request list", cancellationToken))
        {
            var where = $"merge request #{index} on the page";
            var updatedAt = reader.Time(item, "updated_at", where);
            newest = newest is { } n && n > updatedAt ? n : updatedAt;
            changes.Add(await ReadMergeRequestAsync(reader, item, where, cancellationToken));
        }

        return (changes, cursor with { MergeRequestsUpdatedAt = newest });
    }

    private async Task<Change> ReadMergeRequestAsync(PageReader reader, JsonElement item, string where, CancellationToken cancellationToken)
    {
        var iid = reader.SmallNumber(item, "iid", where);
        where = $"merge request !{iid}";
        var mergedAt = reader.OptionalTime(item, "merged_at", where) ?? reader.Time(item, "updated_at", where);
        var sha = reader.OptionalText(item, "merge_commit_sha", where)
            ?? reader.OptionalText(item, "squash_commit_sha", where)
            ?? reader.OptionalText(item, "sha", where)
            ?? throw reader.Malformed($"{where}: merged but no merge_commit_sha, squash_commit_sha or sha");
        var title = reader.Text(item, "title", where);
        var description = reader.OptionalText(item, "description", where);
        var branch = reader.OptionalText(item, "source_branch", where);
        var author = reader.OptionalChild(item, "author", where) is { } a ? reader.OptionalText(a, "username", where + " author") : null;
        var labels = new List<string>();
        if (reader.OptionalList(item, "labels", where) is { } labelItems)
        {
            foreach (var label in labelItems.EnumerateArray())
            {
                // Plain names, or objects with with_labels_details=true.
                labels.Add(label.ValueKind == JsonValueKind.String ? label.GetString()! : reader.Text(label, "name", where + " label"));
            }
        }

        var closing = await ReadClosingIssuesAsync(iid, cancellationToken);
        var tickets = ClosingReferences.In(description, _project)
            .Concat(closing)
            .Concat(TicketIdParser.InChange(title, branch))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var (files, previousFiles) = await ReadFilesAsync(iid, cancellationToken);

        // The description is read for links and revert markers only; it is never stored.
        return new Change
        {
            Repo = _repo,
            Id = string.Create(CultureInfo.InvariantCulture, $"!{iid}"),
            Sha = sha.ToLowerInvariant(),
            Number = iid,
            MergedAt = mergedAt,
            Author = author,
            HeadBranch = branch,
            Title = title,
            Labels = labels,
            Files = files,
            PreviousFiles = previousFiles,
            Tickets = tickets,

            // GitLab names revert branches revert-<short sha>, not revert-<MR>: the branch is no evidence here.
            Reverts = RevertMessageParser.Parse(title, description, headBranch: null, _project),
            Source = SourceName,
            OpenedAt = reader.OptionalTime(item, "created_at", where),
        };
    }

    /// <summary>The MR's files (new paths) and the old paths of the ones it renamed.</summary>
    private async Task<(IReadOnlyList<string> Files, IReadOnlyList<string> Previous)> ReadFilesAsync(int iid, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        var previousFiles = new List<string>();
        var url = Api(string.Create(CultureInfo.InvariantCulture, $"projects/{_projectSegment}/merge_requests/{iid}/diffs?per_page={_options.PageSize}"));
        await foreach (var (reader, item, _) in ItemsAsync(url, $"the diffs of merge request !{iid}", cancellationToken))
        {
            // Paths only: the diff text in the same answer is never kept.
            var where = $"a diff of merge request !{iid}";
            files.Add(reader.Text(item, "new_path", where));
            if (reader.OptionalText(item, "old_path", where) is { } old && reader.Flag(item, "renamed_file", where))
            {
                previousFiles.Add(old);
            }
        }

        return ([.. files.Distinct(StringComparer.Ordinal)], [.. previousFiles.Distinct(StringComparer.Ordinal)]);
    }

    private async Task<List<string>> ReadClosingIssuesAsync(int iid, CancellationToken cancellationToken)
    {
        var issues = new List<string>();
        var url = Api(string.Create(CultureInfo.InvariantCulture, $"projects/{_projectSegment}/merge_requests/{iid}/closes_issues?per_page={_options.PageSize}"));
        await foreach (var (reader, item, _) in ItemsAsync(url, $"the issues merge request !{iid} closes", cancellationToken))
        {
            var where = $"an issue merge request !{iid} closes";
            var number = reader.SmallNumber(item, "iid", where);
            var full = reader.OptionalChild(item, "references", where) is { } references ? reader.OptionalText(references, "full", where) : null;
            var project = full is not null && full.LastIndexOf('#') is var hash and > 0 ? full[..hash] : _project;
            issues.Add(ClosingReferences.IssueId(project, number));
        }

        return issues;
    }

    private async Task<(List<TicketEvent> Events, GitLabCursor Cursor)> ReadIssueEventsAsync(GitLabCursor cursor, CancellationToken cancellationToken)
    {
        var events = new List<TicketEvent>();
        var newest = cursor.IssuesUpdatedAt;
        var url = Api($"projects/{_projectSegment}/issues?order_by=updated_at&sort=desc&scope=all&per_page={_options.PageSize}{Since(cursor.IssuesUpdatedAt)}");
        var issues = new List<int>();
        await foreach (var (reader, item, index) in ItemsAsync(url, "the issue list", cancellationToken))
        {
            var where = $"issue #{index} on the page";
            issues.Add(reader.SmallNumber(item, "iid", where));
            var updatedAt = reader.Time(item, "updated_at", where);
            newest = newest is { } n && n > updatedAt ? n : updatedAt;
        }

        foreach (var iid in issues)
        {
            var eventsUrl = Api(string.Create(CultureInfo.InvariantCulture, $"projects/{_projectSegment}/issues/{iid}/resource_state_events?per_page={_options.PageSize}"));
            await foreach (var (reader, item, _) in ItemsAsync(eventsUrl, $"the state events of issue #{iid}", cancellationToken))
            {
                var id = reader.Number(item, "id", $"a state event of issue #{iid}");
                var where = string.Create(CultureInfo.InvariantCulture, $"state event {id} of issue #{iid}");
                var kind = reader.Text(item, "state", where) switch
                {
                    "closed" => TicketEventKind.Completed,
                    "reopened" => TicketEventKind.Reopened,
                    _ => (TicketEventKind?)null,
                };
                if (kind is null)
                {
                    continue;
                }

                events.Add(new TicketEvent
                {
                    Id = string.Create(CultureInfo.InvariantCulture, $"gitlab:{_repo}:state:{id}"),
                    Tracker = SourceName,
                    TicketId = ClosingReferences.IssueId(_project, iid),
                    Kind = kind.Value,
                    At = reader.Time(item, "created_at", where),
                    Project = _project,
                    Actor = reader.OptionalChild(item, "user", where) is { } user ? reader.OptionalText(user, "username", where) : null,
                });
            }
        }

        return (events, cursor with { IssuesUpdatedAt = newest });
    }

    /// <summary>Every item of a paged list, page after page until there is no next page or a page is empty.</summary>
    private async IAsyncEnumerable<(PageReader Reader, JsonElement Item, int Index)> ItemsAsync(
        Uri url,
        string what,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? next = url;
        while (next is not null)
        {
            var page = await _api.GetAsync(next, null, cancellationToken);
            var reader = page.Reader("GitLab");
            var items = reader.Items(page.Root, what);
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                yield return (reader, item, index++);
            }

            next = items.GetArrayLength() == 0 ? null : Paging.Next(page);
        }
    }

    private static string Since(DateTimeOffset? cursor) =>
        cursor is { } since ? "&updated_after=" + Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)) : string.Empty;

    private Uri Api(string relative) => new(new Uri(_options.ApiUrl.AbsoluteUri.TrimEnd('/') + "/"), relative);

    private SourceCursor Cursor(GitLabCursor state) => new(SourceName, _repo, CursorState.Write(state));
}
