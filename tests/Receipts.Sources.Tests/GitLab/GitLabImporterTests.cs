using Receipts.Domain.Outcomes;
using Receipts.Sources.GitLab;
using Receipts.Sources.Http;
using Receipts.Sources.Tests.Fakes;

namespace Receipts.Sources.Tests.GitLab;

public sealed class GitLabImporterTests : IAsyncLifetime
{
    private const string Project = "/api/v4/projects/acme%2Fpayments";
    private const string MergeRequests = Project + "/merge_requests";
    private const string Issues = Project + "/issues";

    private readonly InstantTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private LocalApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalApiServer.StartAsync();
        _server.Route(Project, Reply.Json("""{ "id": 42, "path_with_namespace": "acme/payments", "default_branch": "main" }"""));
        _server.Route(MergeRequests, request => request.Query("page") == "2"
            ? Reply.Json(TestData.Read("GitLab/merge-requests-page2.json"), ("x-page", "2"), ("x-next-page", ""))
            : Reply.Json(TestData.Read("GitLab/merge-requests-page1.json"), ("x-page", "1"), ("x-next-page", "2")));
        _server.Route(MergeRequests + "/57/diffs", Reply.Json(TestData.Read("GitLab/diffs-57.json")));
        _server.Route(MergeRequests + "/58/diffs", Reply.Json(TestData.Read("GitLab/diffs-58.json")));
        _server.Route(MergeRequests + "/57/closes_issues", Reply.Json(TestData.Read("GitLab/closes-issues-57.json")));
        _server.Route(MergeRequests + "/58/closes_issues", Reply.Json("[]"));
        _server.Route(Issues, Reply.Json(TestData.Read("GitLab/issues.json")));
        _server.Route(Issues + "/8/resource_state_events", Reply.Json(TestData.Read("GitLab/state-events-8.json")));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Import_MergedMergeRequests_BecomeChanges()
    {
        var store = new InMemoryOutcomeStore();

        var summary = await ImportAsync(store);

        summary.Changes.ShouldBe(2);
        var settle = store.Changes.Single(c => c.Id == "!57");
        settle.Repo.ShouldBe("gitlab.com/acme/payments");
        settle.Sha.ShouldBe("abcdefabcdefabcdefabcdefabcdefabcdefabcd");
        settle.Number.ShouldBe(57);
        settle.MergedAt.ShouldBe(new DateTimeOffset(2026, 11, 21, 9, 30, 0, TimeSpan.Zero));
        settle.Author.ShouldBe("sarah");
        settle.HeadBranch.ShouldBe("feature/PAY-21-settlement");
        settle.Labels.ShouldBe(["performance", "backend"]);
        settle.Files.ShouldBe(["app/settle.rb", "app/batch.rb"]);
        settle.PreviousFiles.ShouldBe(["app/old_batch.rb"]);
        settle.Tickets.Order(StringComparer.Ordinal).ShouldBe(["PAY-21", "acme/docs#11", "acme/payments#8", "acme/payments#9"]);
        settle.Source.ShouldBe("gitlab");

        var revert = store.Changes.Single(c => c.Id == "!58");
        revert.Sha.ShouldBe("6666666666666666666666666666666666666666");
        revert.Files.ShouldBe(["app/cache.rb"]);
        revert.Reverts.ShouldBe(
            [
                new RevertReference(RevertTargetKind.Subject, "Merge branch 'cache' into 'main'"),
                new RevertReference(RevertTargetKind.MergeRequest, "55"),
            ],
            ignoreOrder: true);
    }

    [Fact]
    public async Task Import_FollowsXNextPageAndSendsTheToken()
    {
        await ImportAsync(new InMemoryOutcomeStore());

        var pages = _server.RequestsTo(MergeRequests);
        pages.Select(r => r.Query("page")).ShouldBe([null, "2"]);
        pages[0].Query("state").ShouldBe("merged");
        pages[0].Query("target_branch").ShouldBe("main");
        _server.Requests.ShouldAllBe(r => r.Header("PRIVATE-TOKEN") == "glpat-test");
    }

    [Fact]
    public async Task Import_FollowsKeysetLinkHeader()
    {
        _server.Route(MergeRequests, request => request.Query("cursor") == "abc"
            ? Reply.Json(TestData.Read("GitLab/merge-requests-page2.json"))
            : Reply.Json(TestData.Read("GitLab/merge-requests-page1.json"), ("Link", $"<{_server.Url(MergeRequests)}?pagination=keyset&per_page=100&cursor=abc>; rel=\"next\"")));
        var store = new InMemoryOutcomeStore();

        await ImportAsync(store);

        store.Changes.Count.ShouldBe(2);
        _server.RequestsTo(MergeRequests).Select(r => r.Query("cursor")).ShouldBe([null, "abc"]);
    }

    [Fact]
    public async Task Import_IssueStateEvents_BecomeTicketEventsNamedLikeChangeTickets()
    {
        var store = new InMemoryOutcomeStore();

        await ImportAsync(store);

        var events = store.Events.OrderBy(e => e.At).ToList();
        events.Select(e => (e.TicketId, e.Kind)).ShouldBe([("acme/payments#8", TicketEventKind.Completed), ("acme/payments#8", TicketEventKind.Reopened)]);
        events[1].Id.ShouldBe("gitlab:gitlab.com/acme/payments:state:143");
        events[1].Actor.ShouldBe("lee");
        events[1].Project.ShouldBe("acme/payments");
        store.Changes.Single(c => c.Id == "!57").Tickets.ShouldContain(events[1].TicketId);
    }

    [Fact]
    public async Task Import_SecondRun_AsksOnlyForUpdatesAfterTheCursorAndChangesNothing()
    {
        var store = new InMemoryOutcomeStore();
        await ImportAsync(store);
        var before = _server.Requests.Count;

        await ImportAsync(store);

        var second = _server.Requests.Skip(before).ToList();
        second.First(r => r.Path == MergeRequests).Query("updated_after").ShouldBe("2026-11-21T10:00:00.000Z");
        second.First(r => r.Path == Issues).Query("updated_after").ShouldBe("2026-11-22T08:00:00.000Z");
        store.Changes.Count.ShouldBe(2);
        store.Events.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Import_500ThenSuccess_Retries()
    {
        _server.Once(Issues, Reply.With(500, """{"message":"500 Internal Server Error"}"""));

        var summary = await ImportAsync(new InMemoryOutcomeStore());

        summary.Retries.ShouldBe(1);
        summary.TicketEvents.ShouldBe(2);
    }

    [Fact]
    public async Task Import_MalformedPage_NamesItAndWritesNothing()
    {
        _server.Route(MergeRequests + "/58/diffs", Reply.Json("""{"message":"not a list"}"""));
        var store = new InMemoryOutcomeStore();

        var error = await Should.ThrowAsync<SourceException>(() => ImportAsync(store));

        error.Message.ShouldContain("GitLab sent a malformed page at");
        error.Message.ShouldContain("merge_requests/58/diffs");
        error.Message.ShouldContain("expected an array");
        store.Writes.ShouldBe(0);
    }

    [Fact]
    public async Task Import_WrongToken_SaysGitLabRejectedIt()
    {
        _server.Route(MergeRequests, Reply.With(401, """{"message":"401 Unauthorized"}"""));

        var error = await Should.ThrowAsync<SourceException>(() => ImportAsync(new InMemoryOutcomeStore()));

        error.Message.ShouldStartWith("GitLab rejected the token in GITLAB_TOKEN (401)");
        error.Hint!.ShouldContain("read_api");
    }

    [Fact]
    public async Task Import_UnknownProject_Says404()
    {
        _server.Route(Project, Reply.With(404, """{"message":"404 Project Not Found"}"""));

        var error = await Should.ThrowAsync<SourceException>(() => ImportAsync(new InMemoryOutcomeStore()));

        error.Message.ShouldContain("(404)");
        error.Message.ShouldContain("acme%2Fpayments");
    }

    private async Task<ImportSummary> ImportAsync(InMemoryOutcomeStore store)
    {
        using var client = new ApiClient(GitLabApi.ClientOptions(new Secret("glpat-test", "the token in GITLAB_TOKEN"), _time));
        var importer = new GitLabImporter(client, new GitLabImportOptions
        {
            Project = "acme/payments",
            ApiUrl = new Uri(_server.BaseUrl, "api/v4/"),
            WebHost = "gitlab.com",
        });
        return await importer.ImportAsync(store, CancellationToken.None);
    }
}
