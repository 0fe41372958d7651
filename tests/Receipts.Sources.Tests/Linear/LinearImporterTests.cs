using System.Text.Json;
using Receipts.Domain.Outcomes;
using Receipts.Sources.Http;
using Receipts.Sources.Linear;
using Receipts.Sources.Tests.Fakes;

namespace Receipts.Sources.Tests.Linear;

public sealed class LinearImporterTests : IAsyncLifetime
{
    private readonly InstantTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private LocalApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalApiServer.StartAsync();
        _server.Route("/graphql", request =>
        {
            var (query, variables) = Parse(request);
            return query.StartsWith("query History", StringComparison.Ordinal) ? Reply.Json(TestData.Read("Linear/history-eng13.json"))
                : variables.GetProperty("after").ValueKind == JsonValueKind.String ? Reply.Json(TestData.Read("Linear/issues-page2.json"))
                : Reply.Json(TestData.Read("Linear/issues-page1.json"));
        });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Import_History_ClassifiedByStateType()
    {
        var store = new InMemoryOutcomeStore();

        var summary = await ImportAsync(store);

        summary.TicketEvents.ShouldBe(3);
        store.Events.OrderBy(e => e.At).Select(e => (e.Id, e.TicketId, e.Kind)).ShouldBe(
        [
            ("linear:h-2", "ENG-12", TicketEventKind.Completed),
            ("linear:h-3", "ENG-12", TicketEventKind.Reopened),
            ("linear:h-21", "ENG-13", TicketEventKind.Reopened),
        ]);
        store.Events.ShouldAllBe(e => e.Tracker == "linear" && e.Project == "ENG");
        store.Events.Single(e => e.Id == "linear:h-3").Actor.ShouldBe("u-lee");
    }

    [Fact]
    public async Task Import_PagesIssuesAndHistoryByEndCursor()
    {
        await ImportAsync(new InMemoryOutcomeStore());

        var bodies = _server.RequestsTo("/graphql").Select(Parse).ToList();
        bodies.Count.ShouldBe(3);
        bodies[0].Variables.GetProperty("team").GetString().ShouldBe("ENG");
        bodies[1].Variables.GetProperty("after").GetString().ShouldBe("c1");
        bodies[2].Query.ShouldStartWith("query History");
        bodies[2].Variables.GetProperty("id").GetString().ShouldBe("8e2f9c3a-0000-4000-8000-000000000002");
        bodies[2].Variables.GetProperty("after").GetString().ShouldBe("h-20");
        _server.Requests.ShouldAllBe(r => r.Header("Authorization") == "lin_api_test");
    }

    [Fact]
    public async Task Import_SecondRun_FiltersByTheCursorAndDuplicatesNothing()
    {
        var store = new InMemoryOutcomeStore();
        await ImportAsync(store);
        var before = _server.Requests.Count;

        await ImportAsync(store);

        var first = Parse(_server.Requests[before]);
        first.Variables.GetProperty("since").GetString().ShouldBe("2026-11-22T08:00:00.000Z");
        first.Query.ShouldContain("updatedAt: { gte: $since }");
        store.Events.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Import_BadKey_SaysLinearRejectedIt()
    {
        _server.Route("/graphql", Reply.With(400, """{"errors":[{"message":"Authentication required, not authenticated","extensions":{"type":"authentication error","code":"AUTHENTICATION_ERROR"}}]}"""));

        var error = await Should.ThrowAsync<SourceException>(() => ImportAsync(new InMemoryOutcomeStore()));

        error.Message.ShouldStartWith("Linear rejected the token in LINEAR_API_KEY (400)");
        error.Hint!.ShouldContain("Personal API keys");
    }

    [Fact]
    public async Task Import_GraphQlErrors_StopTheImportAndWriteNothing()
    {
        _server.Once("/graphql", Reply.Json(TestData.Read("Linear/issues-page1.json")));
        _server.Once("/graphql", Reply.Json("""{"data":null,"errors":[{"message":"Argument Validation Error","extensions":{"code":"INVALID_INPUT"}}]}"""));
        var store = new InMemoryOutcomeStore();

        var error = await Should.ThrowAsync<SourceException>(() => ImportAsync(store));

        error.Message.ShouldContain("Argument Validation Error");
        store.Writes.ShouldBe(0);
    }

    [Fact]
    public async Task Import_MalformedPage_NamesTheFieldAndWritesNothing()
    {
        _server.Route("/graphql", Reply.Json("""{"data":{"issues":{"pageInfo":{"hasNextPage":false,"endCursor":null},"nodes":[{"id":"x","identifier":"ENG-1","updatedAt":"2026-11-21T10:00:00Z","history":{"nodes":[]}}]}}}"""));
        var store = new InMemoryOutcomeStore();

        var error = await Should.ThrowAsync<SourceException>(() => ImportAsync(store));

        error.Message.ShouldContain("Linear sent a malformed page at");
        error.Message.ShouldContain("'pageInfo' is missing");
        store.Writes.ShouldBe(0);
    }

    private static (string Query, JsonElement Variables) Parse(RecordedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        return (document.RootElement.GetProperty("query").GetString()!, document.RootElement.GetProperty("variables").Clone());
    }

    private async Task<ImportSummary> ImportAsync(InMemoryOutcomeStore store)
    {
        using var client = new ApiClient(LinearApi.ClientOptions(new Secret("lin_api_test", "the token in LINEAR_API_KEY"), _time));
        return await new LinearImporter(client, new LinearImportOptions { Team = "ENG", ApiUrl = _server.Url("/graphql") }).ImportAsync(store, CancellationToken.None);
    }
}
