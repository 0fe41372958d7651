using System.Text;
using Receipts.Domain.Outcomes;
using Receipts.Sources.Http;
using Receipts.Sources.Jira;
using Receipts.Sources.Tests.Fakes;

namespace Receipts.Sources.Tests.Jira;

public sealed class JiraImporterTests : IAsyncLifetime
{
    private const string Search = "/rest/api/3/search/jql";

    private readonly InstantTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private LocalApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalApiServer.StartAsync();
        _server.Route("/rest/api/3/status", Reply.Json(TestData.Read("Jira/status.json")));
        _server.Route(Search, request => request.Query("nextPageToken") == "CAEaAggD"
            ? Reply.Json(TestData.Read("Jira/search-page2.json"))
            : Reply.Json(TestData.Read("Jira/search-page1.json")));
        _server.Route("/rest/api/3/issue/PAY-8/changelog", Reply.Json(TestData.Read("Jira/changelog-PAY-8.json")));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Import_StatusTransitions_ClassifiedByCategoryNotName()
    {
        var store = new InMemoryOutcomeStore();

        var summary = await ImportAsync(store);

        summary.TicketEvents.ShouldBe(3);
        var events = store.Events.OrderBy(e => e.At).ToList();
        events.Select(e => (e.TicketId, e.Kind, e.At)).ShouldBe(
        [
            ("PAY-7", TicketEventKind.Completed, new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero)),
            ("PAY-7", TicketEventKind.Reopened, new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero)),
            ("PAY-8", TicketEventKind.Completed, new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero)),
        ]);
        events.ShouldAllBe(e => e.Tracker == "jira" && e.Project == "PAY");
        events[1].Id.ShouldBe($"jira:{_server.BaseUrl.Host}:PAY-7:30003");
        events[1].Actor.ShouldBe("6c21bd9e93f16c33dd8e5fa6");
    }

    [Fact]
    public async Task Import_PagesWithNextPageTokenAndReadsTruncatedChangelogs()
    {
        await ImportAsync(new InMemoryOutcomeStore());

        var searches = _server.RequestsTo(Search);
        searches.Select(r => r.Query("nextPageToken")).ShouldBe([null, "CAEaAggD"]);
        searches[0].Query("jql").ShouldBe("project = \"PAY\" ORDER BY updated ASC");
        searches[0].Query("expand").ShouldBe("changelog");
        _server.RequestsTo("/rest/api/3/issue/PAY-8/changelog").ShouldHaveSingleItem();
        _server.RequestsTo("/rest/api/3/issue/PAY-7/changelog").ShouldBeEmpty();
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("sarah@acme.test:jira-token"));
        _server.Requests.ShouldAllBe(r => r.Header("Authorization") == "Basic " + basic);
    }

    [Fact]
    public async Task Import_SecondRun_AsksFromTheCursorDayAndDuplicatesNothing()
    {
        var store = new InMemoryOutcomeStore();
        await ImportAsync(store);
        var before = _server.Requests.Count;

        await ImportAsync(store);

        var second = _server.Requests.Skip(before).First(r => r.Path == Search);
        second.Query("jql").ShouldBe("project = \"PAY\" AND updated >= \"2026-11-21\" ORDER BY updated ASC");
        store.Events.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Import_429WithRetryAfter_Waits()
    {
        _server.Once(Search, Reply.With(429, "", ("Retry-After", "5")));

        var summary = await ImportAsync(new InMemoryOutcomeStore());

        _time.Delays.ShouldBe([TimeSpan.FromSeconds(5)]);
        summary.TicketEvents.ShouldBe(3);
    }

    [Fact]
    public async Task Import_MalformedSearchPage_NamesItAndWritesNothing()
    {
        _server.Route(Search, request => request.Query("nextPageToken") == "CAEaAggD"
            ? Reply.Json("""{ "issues": [ { "key": "PAY-9", "fields": { "updated": "yesterday" } } ], "isLast": true }""")
            : Reply.Json(TestData.Read("Jira/search-page1.json")));
        var store = new InMemoryOutcomeStore();

        var error = await Should.ThrowAsync<SourceException>(() => ImportAsync(store));

        error.Message.ShouldContain("Jira sent a malformed page at");
        error.Message.ShouldContain("nextPageToken=CAEaAggD");
        error.Message.ShouldContain("'updated' is \"yesterday\"");
        store.Writes.ShouldBe(0);
    }

    [Fact]
    public async Task Import_WrongToken_SaysJiraRejectedIt()
    {
        _server.Route("/rest/api/3/status", Reply.With(401, """{"errorMessages":["You are not authenticated. Authentication required to perform this operation."],"errors":{}}"""));

        var error = await Should.ThrowAsync<SourceException>(() => ImportAsync(new InMemoryOutcomeStore()));

        error.Message.ShouldStartWith("Jira rejected the token in JIRA_API_TOKEN for sarah@acme.test (401)");
        error.Message.ShouldNotContain("jira-token");
        error.Hint!.ShouldContain("JIRA_EMAIL");
    }

    [Fact]
    public async Task Import_UnknownProject_PassesOnJirasMessage()
    {
        _server.Route(Search, Reply.With(400, """{"errorMessages":["The value 'PAY' does not exist for the field 'project'."],"errors":{}}"""));

        var error = await Should.ThrowAsync<SourceException>(() => ImportAsync(new InMemoryOutcomeStore()));

        error.Message.ShouldContain("400");
        error.Message.ShouldContain("does not exist for the field 'project'");
    }

    private async Task<ImportSummary> ImportAsync(InMemoryOutcomeStore store)
    {
        using var client = new ApiClient(JiraApi.ClientOptions("sarah@acme.test", new Secret("jira-token", "the token in JIRA_API_TOKEN"), _time));
        return await new JiraImporter(client, new JiraImportOptions { Site = _server.BaseUrl, Project = "PAY" }).ImportAsync(store, CancellationToken.None);
    }
}
