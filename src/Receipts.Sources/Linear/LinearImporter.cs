using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Receipts.Domain.Outcomes;
using Receipts.Domain.Storage;
using Receipts.Sources.Http;

namespace Receipts.Sources.Linear;

/// <summary>
/// Imports a Linear team's issue history as <see cref="TicketEvent"/>s: a move into a <c>completed</c> state is
/// Completed; a move from <c>completed</c> or <c>canceled</c> back to any other state type is Reopened.
/// Issues and their history are paged with <c>pageInfo { hasNextPage endCursor }</c>; read all, then write once.
/// </summary>
public sealed partial class LinearImporter
{
    public const string SourceName = "linear";

    private const string IssueFields =
        "pageInfo { hasNextPage endCursor } nodes { id identifier updatedAt team { key } history(first: 50) { pageInfo { hasNextPage endCursor } nodes { id createdAt actor { id } fromState { type } toState { type } } } }";

    private const string HistoryQuery =
        "query History($id: String!, $after: String) { issue(id: $id) { history(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id createdAt actor { id } fromState { type } toState { type } } } } }";

    private static readonly HashSet<string> DoneTypes = new(StringComparer.Ordinal) { "completed", "canceled" };

    private readonly ApiClient _api;
    private readonly LinearImportOptions _options;
    private readonly string _team;

    public LinearImporter(ApiClient api, LinearImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        var team = options.Team.Trim().ToUpperInvariant();
        if (!TeamKey().IsMatch(team))
        {
            throw new SourceException($"'{options.Team}' is not a Linear team key.", "Pass --team KEY, for example --team ENG (the prefix of the team's issue ids).");
        }

        _api = api;
        _options = options;
        _team = team;
    }

    public async Task<ImportSummary> ImportAsync(IOutcomeStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var cursors = await store.GetCursorsAsync(SourceName, cancellationToken);
        var cursor = CursorState.Read<LinearCursor>(cursors, _team);
        var events = new List<TicketEvent>();
        var newest = cursor.UpdatedAt;
        string? after = null;
        while (true)
        {
            var (reader, data) = await QueryAsync(IssuesQuery(cursor.UpdatedAt is not null), new
            {
                team = _team,
                after,
                since = cursor.UpdatedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                first = _options.PageSize,
            }, cancellationToken);
            var issues = reader.Child(data, "issues", "data");
            foreach (var issue in reader.List(issues, "nodes", "issues").EnumerateArray())
            {
                var identifier = reader.Text(issue, "identifier", "an issue");
                var updated = reader.Time(issue, "updatedAt", identifier);
                newest = newest is { } n && n > updated ? n : updated;
                var team = reader.OptionalChild(issue, "team", identifier) is { } t ? reader.OptionalText(t, "key", identifier) : null;
                var history = reader.Child(issue, "history", identifier);
                events.AddRange(Transitions(reader, history, identifier, team ?? _team));
                var (more, historyAfter) = PageInfo(reader, history, identifier + " history");
                var id = reader.Text(issue, "id", identifier);
                while (more)
                {
                    var (historyReader, historyData) = await QueryAsync(HistoryQuery, new { id, after = historyAfter }, cancellationToken);
                    var page = historyReader.Child(historyReader.Child(historyData, "issue", "data"), "history", identifier);
                    events.AddRange(Transitions(historyReader, page, identifier, team ?? _team));
                    (more, historyAfter) = PageInfo(historyReader, page, identifier + " history");
                }
            }

            var (hasNext, endCursor) = PageInfo(reader, issues, "issues");
            if (!hasNext || endCursor is null)
            {
                break;
            }

            after = endCursor;
        }

        var updatedCursor = cursor with { UpdatedAt = newest };
        if (updatedCursor != cursor)
        {
            await store.WriteTicketEventsAsync(events, [new SourceCursor(SourceName, _team, CursorState.Write(updatedCursor))], cancellationToken);
        }

        return new ImportSummary(SourceName, _team, 0, events.Count, 0, _api.Requests, _api.Retries, _api.Waits.Aggregate(TimeSpan.Zero, (a, b) => a + b));
    }

    private static string IssuesQuery(bool since) => since
        ? "query Issues($team: String!, $after: String, $since: DateTimeOrDuration!, $first: Int!) { issues(first: $first, after: $after, orderBy: updatedAt, filter: { team: { key: { eq: $team } }, updatedAt: { gte: $since } }) { " + IssueFields + " } }"
        : "query Issues($team: String!, $after: String, $first: Int!) { issues(first: $first, after: $after, orderBy: updatedAt, filter: { team: { key: { eq: $team } } }) { " + IssueFields + " } }";

    private async Task<(PageReader Reader, JsonElement Data)> QueryAsync(string query, object variables, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new { query, variables });
        var page = await _api.PostJsonAsync(_options.ApiUrl, body, cancellationToken);
        var reader = page.Reader("Linear");
        if (reader.OptionalList(page.Root, "errors", "the GraphQL answer") is { } errors && errors.GetArrayLength() > 0)
        {
            var messages = string.Join("; ", errors.EnumerateArray()
                .Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("message", out var m) ? m.GetString() : null)
                .Where(m => m is not null));
            throw messages.Contains("authenticat", StringComparison.OrdinalIgnoreCase)
                ? new SourceException($"Linear rejected {_api.CredentialDescription} at {page.Url}: {messages}", LinearApi.TokenHint)
                : new SourceException($"Linear answered errors at {page.Url}: {messages}", "Check the team key and that the key can read the team's issues.");
        }

        return (reader, reader.Child(page.Root, "data", "the GraphQL answer"));
    }

    private static (bool HasNext, string? EndCursor) PageInfo(PageReader reader, JsonElement connection, string where)
    {
        var info = reader.Child(connection, "pageInfo", where);
        return (reader.Flag(info, "hasNextPage", where + " pageInfo"), reader.OptionalText(info, "endCursor", where + " pageInfo"));
    }

    private static IEnumerable<TicketEvent> Transitions(PageReader reader, JsonElement history, string identifier, string team)
    {
        foreach (var entry in reader.List(history, "nodes", identifier + " history").EnumerateArray())
        {
            var id = reader.Text(entry, "id", $"a history entry of {identifier}");
            var where = $"history entry {id} of {identifier}";
            var from = reader.OptionalChild(entry, "fromState", where) is { } f ? reader.OptionalText(f, "type", where) : null;
            var to = reader.OptionalChild(entry, "toState", where) is { } t ? reader.OptionalText(t, "type", where) : null;
            if (to is null)
            {
                continue;
            }

            var wasDone = from is not null && DoneTypes.Contains(from);
            TicketEventKind? kind = to == "completed" && !wasDone ? TicketEventKind.Completed
                : wasDone && !DoneTypes.Contains(to) ? TicketEventKind.Reopened
                : null;
            if (kind is { } k)
            {
                yield return new TicketEvent
                {
                    Id = $"linear:{id}",
                    Tracker = SourceName,
                    TicketId = identifier,
                    Kind = k,
                    At = reader.Time(entry, "createdAt", where),
                    Project = team,
                    Actor = reader.OptionalChild(entry, "actor", where) is { } actor ? reader.OptionalText(actor, "id", where) : null,
                };
            }
        }
    }

    [GeneratedRegex("^[A-Z][A-Z0-9]{0,19}$")]
    private static partial Regex TeamKey();
}
