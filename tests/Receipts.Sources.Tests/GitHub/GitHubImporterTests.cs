using Receipts.Domain.Outcomes;
using Receipts.Sources.Http;
using Receipts.Sources.Tests.Fakes;

namespace Receipts.Sources.Tests.GitHub;

public sealed class GitHubImporterTests
{
    [Fact]
    public async Task Import_MergedPullRequests_BecomeChangesWithFilesLabelsTicketsAndReverts()
    {
        await using var github = await GitHubServer.StartAsync();
        var store = new InMemoryOutcomeStore();

        var summary = await github.ImportAsync(store);

        summary.Changes.ShouldBe(2);
        store.Changes.Select(c => c.Id).Order().ShouldBe(["#10", "#12"]);
        var refunds = store.Changes.Single(c => c.Id == "#12");
        refunds.Repo.ShouldBe("github.com/acme/payments");
        refunds.Sha.ShouldBe("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1");
        refunds.Number.ShouldBe(12);
        refunds.MergedAt.ShouldBe(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        refunds.Author.ShouldBe("sarah");
        refunds.HeadBranch.ShouldBe("feat/PAY-7-refunds");
        refunds.Title.ShouldBe("PAY-7 Add refunds");
        refunds.Labels.ShouldBe(["feature", "ai-assisted"]);
        refunds.Files.ShouldBe(["src/Refunds/RefundService.cs", "src/Pay/Checkout.cs"]);
        refunds.PreviousFiles.ShouldBe(["src/Pay/OldCheckout.cs"]);
        refunds.Tickets.Order(StringComparer.Ordinal).ShouldBe(["PAY-7", "acme/billing#9", "acme/payments#3", "acme/payments#5"]);
        refunds.Reverts.ShouldBeEmpty();
        refunds.Source.ShouldBe("github");
        refunds.OpenedAt.ShouldBe(new DateTimeOffset(2026, 11, 18, 8, 0, 0, TimeSpan.Zero));
        refunds.FirstReviewAt.ShouldBe(new DateTimeOffset(2026, 11, 19, 12, 0, 0, TimeSpan.Zero));

        var revert = store.Changes.Single(c => c.Id == "#10");
        revert.Labels.ShouldBe(["hotfix"]);
        revert.Files.ShouldBe(["src/Cache/Cache.cs"]);
        revert.FirstReviewAt.ShouldBeNull();
        revert.Tickets.ShouldBeEmpty();
        revert.Reverts.ShouldBe(
            [
                new RevertReference(RevertTargetKind.Subject, "Add cache"),
                new RevertReference(RevertTargetKind.PullRequest, "8"),
            ],
            ignoreOrder: true);
    }

    [Fact]
    public async Task Import_FollowsLinkHeaderToTheLastPage()
    {
        await using var github = await GitHubServer.StartAsync();

        await github.ImportAsync(new InMemoryOutcomeStore());

        var pulls = github.Server.RequestsTo(GitHubServer.PullsPath);
        pulls.Select(r => r.Query("page")).ShouldBe([null, "2"]);
        pulls[0].Query("state").ShouldBe("closed");
        pulls[0].Query("base").ShouldBe("main");
        pulls[0].Query("sort").ShouldBe("updated");
        pulls[0].Query("direction").ShouldBe("desc");
        github.Server.RequestsTo("/repos/acme/payments/pulls/12/files").Count.ShouldBe(2);
        github.Server.Requests.ShouldAllBe(r => r.Header("Authorization") == "Bearer ghp_test");
    }

    [Fact]
    public async Task Import_IssueEvents_BecomeTicketEventsNamedLikeChangeTickets()
    {
        await using var github = await GitHubServer.StartAsync();
        var store = new InMemoryOutcomeStore();

        var summary = await github.ImportAsync(store);

        summary.TicketEvents.ShouldBe(2);
        var events = store.Events.OrderBy(e => e.At).ToList();
        events.Select(e => (e.TicketId, e.Kind)).ShouldBe(
        [
            ("acme/payments#3", TicketEventKind.Completed),
            ("acme/payments#3", TicketEventKind.Reopened),
        ]);
        events[1].Id.ShouldBe("github:github.com/acme/payments:event:5003");
        events[1].Tracker.ShouldBe("github");
        events[1].Project.ShouldBe("acme/payments");
        events[1].Actor.ShouldBe("lee");
        events[1].At.ShouldBe(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));

        // The reopened issue is one the change closes: the two name it the same way.
        store.Changes.Single(c => c.Id == "#12").Tickets.ShouldContain(events[1].TicketId);
    }

    [Fact]
    public async Task Import_SecondRunAnswered304_SendsIfNoneMatchAndWritesNothing()
    {
        await using var github = await GitHubServer.StartAsync();
        var store = new InMemoryOutcomeStore();
        await github.ImportAsync(store);
        var writes = store.Writes;
        var requestsBefore = github.Server.Requests.Count;

        var summary = await github.ImportAsync(store);

        var second = github.Server.Requests.Skip(requestsBefore).ToList();
        second.Select(r => r.Path).ShouldBe([GitHubServer.RepoPath, GitHubServer.PullsPath, GitHubServer.EventsPath]);
        second[1].Header("If-None-Match").ShouldBe(GitHubServer.PullsETag);
        second[2].Header("If-None-Match").ShouldBe(GitHubServer.EventsETag);
        summary.NotModified.ShouldBe(2);
        summary.Changes.ShouldBe(0);
        summary.TicketEvents.ShouldBe(0);
        store.Writes.ShouldBe(writes);
        store.Changes.Count.ShouldBe(2);
        store.Events.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Import_NewPullRequestAfterCursor_ReadsOnlyUntilTheCursor()
    {
        await using var github = await GitHubServer.StartAsync();
        var store = new InMemoryOutcomeStore();
        await github.ImportAsync(store);
        var requestsBefore = github.Server.Requests.Count;
        var newer = """
            [ { "number": 13, "title": "Fix rounding", "user": { "login": "kim" }, "body": "fixes #3", "labels": [],
                "created_at": "2026-11-22T08:00:00Z", "updated_at": "2026-11-22T10:00:00Z", "merged_at": "2026-11-22T10:00:00Z",
                "merge_commit_sha": "cccccccccccccccccccccccccccccccccccccccc", "head": { "ref": "fix-rounding" } } ]
            """;
        var page1 = TestData.Read("GitHub/pulls-page1.json");
        var server = github.Server;
        server.Route(GitHubServer.PullsPath, _ => Reply.Json(
            newer.TrimEnd()[..^1] + "," + page1.TrimStart()[1..],
            ("ETag", "W/\"pulls-v2\""),
            ("Link", $"<{server.Url(GitHubServer.PullsPath)}?page=2>; rel=\"next\"")));
        server.Route("/repos/acme/payments/pulls/13/files", Reply.Json("""[ { "filename": "src/Pay/Rounding.cs", "status": "modified" } ]"""));
        server.Route("/repos/acme/payments/pulls/13/reviews", Reply.Json("[]"));

        var summary = await github.ImportAsync(store);

        summary.Changes.ShouldBe(2); // #13 is new; #12 was updated at the cursor instant and is read again.
        store.Changes.Count.ShouldBe(3);
        var second = github.Server.Requests.Skip(requestsBefore).ToList();
        second.ShouldNotContain(r => r.Path == GitHubServer.PullsPath && r.Query("page") == "2");
        store.Changes.Single(c => c.Id == "#13").Tickets.ShouldBe(["acme/payments#3"]);
    }

    [Fact]
    public async Task Import_NewIssueEvent_WritesOnlyItAndStopsAtTheLastIdSeen()
    {
        await using var github = await GitHubServer.StartAsync();
        var store = new InMemoryOutcomeStore();
        await github.ImportAsync(store);
        var newer = """
            [ { "id": 5004, "event": "closed", "actor": { "login": "kim" }, "created_at": "2026-11-22T09:00:00Z", "state_reason": "completed",
                "issue": { "number": 3, "state": "closed" } } ]
            """;
        var old = TestData.Read("GitHub/issue-events.json");
        github.Server.Route(GitHubServer.EventsPath, _ => Reply.Json(newer.TrimEnd()[..^1] + "," + old.TrimStart()[1..], ("ETag", "W/\"events-v2\"")));

        var summary = await github.ImportAsync(store);

        summary.TicketEvents.ShouldBe(1);
        store.Events.Count.ShouldBe(3);
        store.Events.Single(e => e.Id.EndsWith(":5004", StringComparison.Ordinal)).Kind.ShouldBe(TicketEventKind.Completed);
    }

    [Fact]
    public async Task Import_SameDataIntoAFreshCursor_ChangesNothing()
    {
        await using var github = await GitHubServer.StartAsync();
        var store = new InMemoryOutcomeStore();
        await github.ImportAsync(store);
        var changes = store.Changes.OrderBy(c => c.Id).ToList();
        var events = store.Events.OrderBy(e => e.Id).ToList();
        github.Server.Route(GitHubServer.PullsPath + "-unused", Reply.Json("[]"));

        // Another machine (no cursor, no ETag) imports the same data into the same facts.
        var other = new InMemoryOutcomeStore();
        await github.ImportAsync(other);
        await github.ImportAsync(other);

        other.Changes.OrderBy(c => c.Id).Select(c => (c.Repo, c.Id, c.Sha, c.MergedAt)).ShouldBe(changes.Select(c => (c.Repo, c.Id, c.Sha, c.MergedAt)));
        other.Events.OrderBy(e => e.Id).Select(e => e.Id).ShouldBe(events.Select(e => e.Id));
    }

    [Fact]
    public async Task Import_EmptyRepository_WritesCursorAndNoFacts()
    {
        await using var github = await GitHubServer.StartAsync();
        github.Server.Route(GitHubServer.PullsPath, request => GitHubServer.Conditional(request, "\"empty\"", "[]"));
        github.Server.Route(GitHubServer.EventsPath, request => GitHubServer.Conditional(request, "\"empty\"", "[]"));
        var store = new InMemoryOutcomeStore();

        var summary = await github.ImportAsync(store);

        summary.Changes.ShouldBe(0);
        store.Changes.ShouldBeEmpty();
        github.Server.RequestsTo("/graphql").ShouldBeEmpty();
        (await store.GetCursorsAsync("github", CancellationToken.None)).Keys.ShouldBe(["github.com/acme/payments"]);
        (await github.ImportAsync(store)).NotModified.ShouldBe(2);
    }

    [Fact]
    public async Task Import_RateLimitExhausted403_WaitsUntilResetThenContinues()
    {
        await using var github = await GitHubServer.StartAsync();
        var reset = GitHubServer.Now.AddSeconds(90).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        github.Server.Once(GitHubServer.PullsPath, Reply.With(
            403,
            """{"message":"API rate limit exceeded for user ID 1.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}""",
            ("x-ratelimit-limit", "5000"),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", reset)));
        var store = new InMemoryOutcomeStore();

        var summary = await github.ImportAsync(store);

        summary.Changes.ShouldBe(2);
        summary.Retries.ShouldBe(1);
        github.Time.Delays[0].ShouldBe(TimeSpan.FromSeconds(91));
        github.Server.RequestsTo(GitHubServer.PullsPath).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Import_429WithRetryAfter_WaitsThatLong()
    {
        await using var github = await GitHubServer.StartAsync();
        github.Server.Once("/repos/acme/payments/pulls/12/files", Reply.With(429, """{"message":"slow down"}""", ("Retry-After", "30")));

        var summary = await github.ImportAsync(new InMemoryOutcomeStore());

        summary.Changes.ShouldBe(2);
        github.Time.Delays.ShouldBe([TimeSpan.FromSeconds(30)]);
        summary.Waited.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Import_SecondaryRateLimit403WithRetryAfter_Waits()
    {
        await using var github = await GitHubServer.StartAsync();
        github.Server.Once(GitHubServer.EventsPath, Reply.With(403, """{"message":"You have exceeded a secondary rate limit."}""", ("Retry-After", "60")));

        var summary = await github.ImportAsync(new InMemoryOutcomeStore());

        summary.TicketEvents.ShouldBe(2);
        github.Time.Delays.ShouldBe([TimeSpan.FromSeconds(60)]);
    }

    [Fact]
    public async Task Import_LastResponseSpentTheQuota_NextRequestWaitsForReset()
    {
        await using var github = await GitHubServer.StartAsync();
        var reset = GitHubServer.Now.AddSeconds(120).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        github.Server.Once("/repos/acme/payments/pulls/10/reviews", Reply.With(200, "[]", ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", reset)));

        var summary = await github.ImportAsync(new InMemoryOutcomeStore());

        summary.Changes.ShouldBe(2);
        github.Time.Delays.ShouldHaveSingleItem().ShouldBe(TimeSpan.FromSeconds(121));
    }

    [Fact]
    public async Task Import_500ThenSuccess_RetriesWithBackoff()
    {
        await using var github = await GitHubServer.StartAsync();
        github.Server.Once(GitHubServer.PullsPath, Reply.With(502, """{"message":"Server Error"}"""));
        github.Server.Once(GitHubServer.PullsPath, Reply.With(500, """{"message":"Server Error"}"""));

        var summary = await github.ImportAsync(new InMemoryOutcomeStore());

        summary.Changes.ShouldBe(2);
        summary.Retries.ShouldBe(2);
        github.Time.Delays.Count.ShouldBe(2);
        github.Time.Delays.ShouldAllBe(d => d > TimeSpan.Zero);
    }

    [Fact]
    public async Task Import_500Forever_FailsAfterRetriesAndWritesNothing()
    {
        await using var github = await GitHubServer.StartAsync();
        github.Server.Route(GitHubServer.EventsPath, Reply.With(503, """{"message":"unavailable"}"""));
        var store = new InMemoryOutcomeStore();

        var error = await Should.ThrowAsync<SourceException>(() => github.ImportAsync(store));

        error.Message.ShouldContain("503");
        error.Message.ShouldContain(github.Server.Url(GitHubServer.EventsPath).ToString());
        github.Server.RequestsTo(GitHubServer.EventsPath).Count.ShouldBe(5);
        store.Writes.ShouldBe(0);
        store.Changes.ShouldBeEmpty();
    }

    [Fact]
    public async Task Import_MalformedPage_NamesThePageAndTheFieldAndWritesNothing()
    {
        await using var github = await GitHubServer.StartAsync();
        github.Server.Route("/repos/acme/payments/pulls/12/files", request => request.Query("page") == "2"
            ? Reply.Json("""[ { "sha": "77", "status": "modified" } ]""")
            : Reply.Json(TestData.Read("GitHub/files-12-page1.json"), ("Link", $"<{github.Server.Url("/repos/acme/payments/pulls/12/files")}?page=2>; rel=\"next\"")));
        var store = new InMemoryOutcomeStore();

        var error = await Should.ThrowAsync<SourceException>(() => github.ImportAsync(store));

        error.Message.ShouldContain("malformed page");
        error.Message.ShouldContain("/repos/acme/payments/pulls/12/files?page=2");
        error.Message.ShouldContain("'filename' is missing");
        store.Writes.ShouldBe(0);
    }

    [Fact]
    public async Task Import_PageThatIsNotJson_SaysSoAndWritesNothing()
    {
        await using var github = await GitHubServer.StartAsync();
        github.Server.Route(GitHubServer.EventsPath, Reply.Json("<html>proxy error</html>"));
        var store = new InMemoryOutcomeStore();

        var error = await Should.ThrowAsync<SourceException>(() => github.ImportAsync(store));

        error.Message.ShouldContain("not valid JSON");
        error.Message.ShouldContain(GitHubServer.EventsPath);
        store.Writes.ShouldBe(0);
    }

    [Fact]
    public async Task Import_WrongToken_SaysGitHubRejectedItWithoutShowingIt()
    {
        await using var github = await GitHubServer.StartAsync();
        github.Server.Route(GitHubServer.RepoPath, Reply.With(401, """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}"""));
        var store = new InMemoryOutcomeStore();

        using var client = github.Client("ghp_secret_value");
        var error = await Should.ThrowAsync<SourceException>(() => github.Importer(client).ImportAsync(store, CancellationToken.None));

        error.Message.ShouldStartWith("GitHub rejected the token in GITHUB_TOKEN (401)");
        error.Hint!.ShouldContain("Create a token with repo read access");
        error.Message.ShouldNotContain("ghp_secret_value");
        github.Server.Requests.Count.ShouldBe(1);
        store.Writes.ShouldBe(0);
    }

    [Fact]
    public async Task Import_UnknownRepository_Says404WithTheUrl()
    {
        await using var github = await GitHubServer.StartAsync();
        github.Server.Route(GitHubServer.RepoPath, Reply.With(404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest/repos/repos#get-a-repository","status":"404"}"""));

        var error = await Should.ThrowAsync<SourceException>(() => github.ImportAsync(new InMemoryOutcomeStore()));

        error.Message.ShouldBe($"GitHub has nothing at {github.Server.Url(GitHubServer.RepoPath)} (404). It said: Not Found");
        error.Hint!.ShouldContain("cannot see it");
    }

    [Fact]
    public async Task Import_UnreachableApi_SaysTheUrlAndTheError()
    {
        var time = new InstantTimeProvider(GitHubServer.Now);
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        using var client = new ApiClient(Receipts.Sources.GitHub.GitHubApi.ClientOptions(new Secret("t", "the token in GITHUB_TOKEN"), time));
        var importer = new Receipts.Sources.GitHub.GitHubImporter(client, new() { Repository = "acme/payments", ApiUrl = new Uri($"http://127.0.0.1:{port}/") });
        var store = new InMemoryOutcomeStore();

        var error = await Should.ThrowAsync<SourceException>(() => importer.ImportAsync(store, CancellationToken.None));

        error.Message.ShouldStartWith($"Cannot reach GitHub at http://127.0.0.1:{port}/repos/acme/payments:");
        error.Message.ShouldContain("refused", Case.Insensitive);
        store.Writes.ShouldBe(0);
    }

    [Fact]
    public async Task Import_StoreFailsOnWrite_LeavesNoCursorSoNextRunReadsAgain()
    {
        await using var github = await GitHubServer.StartAsync();
        var store = new InMemoryOutcomeStore { FailNextWrite = true };

        await Should.ThrowAsync<InvalidOperationException>(() => github.ImportAsync(store));
        store.Changes.ShouldBeEmpty();
        var summary = await github.ImportAsync(store);

        summary.Changes.ShouldBe(2);
        github.Server.RequestsTo(GitHubServer.PullsPath)[^1].Header("If-None-Match").ShouldBeNull();
    }

    [Fact]
    public void Importer_BadRepositoryName_IsAUserError()
    {
        using var client = new ApiClient(Receipts.Sources.GitHub.GitHubApi.ClientOptions(new Secret("t", "x"), TimeProvider.System));

        Should.Throw<SourceException>(() => new Receipts.Sources.GitHub.GitHubImporter(client, new() { Repository = "payments" }))
            .Hint!.ShouldContain("--repo OWNER/NAME");
    }
}
