using Receipts.Domain.Outcomes;
using Receipts.Sources.Asana;
using Receipts.Sources.Http;
using Receipts.Sources.Tests.Fakes;

namespace Receipts.Sources.Tests.Asana;

public sealed class AsanaImporterTests : IAsyncLifetime
{
    private const string Offset = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9";

    private readonly InstantTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private LocalApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalApiServer.StartAsync();
        _server.Route("/api/1.0/tasks", request => request.Query("offset") == Offset
            ? Reply.Json(TestData.Read("Asana/tasks-page2.json"))
            : Reply.Json(TestData.Read("Asana/tasks-page1.json")));
        _server.Route("/api/1.0/tasks/1205000000000001/stories", Reply.Json(TestData.Read("Asana/stories-1.json")));
        _server.Route("/api/1.0/tasks/1205000000000002/stories", Reply.Json(TestData.Read("Asana/stories-2.json")));
        _server.Route("/api/1.0/tasks/1205000000000003/stories", Reply.Json(TestData.Read("Asana/stories-empty.json")));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Import_StoriesAndCompletedAt_BecomeCompletedAndReopenedEvents()
    {
        var store = new InMemoryOutcomeStore();

        var summary = await ImportAsync(store);

        summary.TicketEvents.ShouldBe(4);
        store.Events.OrderBy(e => e.At).Select(e => (e.TicketId, e.Kind, e.At)).ShouldBe(
        [
            ("1205000000000001", TicketEventKind.Completed, new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero)),
            ("1205000000000002", TicketEventKind.Completed, new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero)),
            ("1205000000000001", TicketEventKind.Reopened, new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero)),
            ("1205000000000003", TicketEventKind.Completed, new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero)),
        ]);
        store.Events.ShouldAllBe(e => e.Tracker == "asana" && e.Project == "1204000000000000");
        store.Events.Single(e => e.Kind == TicketEventKind.Reopened).Actor.ShouldBe("1100000000000002");
    }

    [Fact]
    public async Task Import_FollowsNextPageOffsetAndSendsBearer()
    {
        await ImportAsync(new InMemoryOutcomeStore());

        var pages = _server.RequestsTo("/api/1.0/tasks");
        pages.Select(r => r.Query("offset")).ShouldBe([null, Offset]);
        pages.ShouldAllBe(r => r.Query("project") == "1204000000000000");
        _server.Requests.ShouldAllBe(r => r.Header("Authorization") == "Bearer asana-test");
    }

    [Fact]
    public async Task Import_SecondRun_AsksForTasksModifiedSinceTheCursorAndDuplicatesNothing()
    {
        var store = new InMemoryOutcomeStore();
        await ImportAsync(store);
        var before = _server.Requests.Count;

        await ImportAsync(store);

        _server.Requests[before].Query("modified_since").ShouldBe("2026-11-22T08:00:00.000Z");
        store.Events.Count.ShouldBe(4);
    }

    [Fact]
    public async Task Import_429ThenSuccess_WaitsRetryAfter()
    {
        _server.Once("/api/1.0/tasks/1205000000000002/stories", Reply.With(429, """{"errors":[{"message":"You have made too many requests recently."}]}""", ("Retry-After", "12")));

        var summary = await ImportAsync(new InMemoryOutcomeStore());

        _time.Delays.ShouldBe([TimeSpan.FromSeconds(12)]);
        summary.TicketEvents.ShouldBe(4);
    }

    [Fact]
    public async Task Import_MalformedStoryPage_WritesNothing()
    {
        _server.Route("/api/1.0/tasks/1205000000000003/stories", Reply.Json("""{"data":[{"gid":"9","resource_subtype":"marked_complete","created_at":12}]}"""));
        var store = new InMemoryOutcomeStore();

        var error = await Should.ThrowAsync<SourceException>(() => ImportAsync(store));

        error.Message.ShouldContain("/api/1.0/tasks/1205000000000003/stories");
        error.Message.ShouldContain("'created_at' is a number");
        store.Writes.ShouldBe(0);
    }

    [Fact]
    public async Task Import_WrongToken_SaysAsanaRejectedIt()
    {
        _server.Route("/api/1.0/tasks", Reply.With(401, """{"errors":[{"message":"Not Authorized","help":"For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors"}]}"""));

        var error = await Should.ThrowAsync<SourceException>(() => ImportAsync(new InMemoryOutcomeStore()));

        error.Message.ShouldStartWith("Asana rejected the token in ASANA_TOKEN (401)");
        error.Message.ShouldContain("Not Authorized");
    }

    private async Task<ImportSummary> ImportAsync(InMemoryOutcomeStore store)
    {
        using var client = new ApiClient(AsanaApi.ClientOptions(new Secret("asana-test", "the token in ASANA_TOKEN"), _time));
        return await new AsanaImporter(client, new AsanaImportOptions { Project = "1204000000000000", ApiUrl = new Uri(_server.BaseUrl, "api/1.0/") }).ImportAsync(store, CancellationToken.None);
    }
}
