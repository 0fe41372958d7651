using Receipts.Sources.GitHub;
using Receipts.Sources.Http;
using Receipts.Sources.Tests.Fakes;

namespace Receipts.Sources.Tests.GitHub;

/// <summary>A local GitHub for acme/payments: two pages of closed PRs, paged files, reviews, GraphQL and issue events.</summary>
internal sealed class GitHubServer : IAsyncDisposable
{
    public const string RepoPath = "/repos/acme/payments";
    public const string PullsPath = "/repos/acme/payments/pulls";
    public const string EventsPath = "/repos/acme/payments/issues/events";
    public const string PullsETag = "W/\"pulls-v1\"";
    public const string EventsETag = "W/\"events-v1\"";

    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private GitHubServer(LocalApiServer server)
    {
        Server = server;
        Time = new InstantTimeProvider(Now);
    }

    public LocalApiServer Server { get; }

    public InstantTimeProvider Time { get; }

    public static async Task<GitHubServer> StartAsync()
    {
        var github = new GitHubServer(await LocalApiServer.StartAsync());
        github.ServeStandardRepository();
        return github;
    }

    public void ServeStandardRepository()
    {
        var server = Server;
        server.Route(RepoPath, Reply.Json("""{ "id": 77, "name": "payments", "full_name": "acme/payments", "private": true, "default_branch": "main" }"""));
        server.Route(PullsPath, request => request.Query("page") == "2"
            ? Reply.Json(TestData.Read("GitHub/pulls-page2.json"), ("Link", $"<{server.Url(PullsPath)}?state=closed&page=1>; rel=\"prev\", <{server.Url(PullsPath)}?state=closed&page=1>; rel=\"first\""))
            : Conditional(request, PullsETag, TestData.Read("GitHub/pulls-page1.json"), ("Link", $"<{server.Url(PullsPath)}?state=closed&sort=updated&direction=desc&per_page=100&page=2>; rel=\"next\", <{server.Url(PullsPath)}?state=closed&page=2>; rel=\"last\"")));
        server.Route("/repos/acme/payments/pulls/12/files", request => request.Query("page") == "2"
            ? Reply.Json(TestData.Read("GitHub/files-12-page2.json"))
            : Reply.Json(TestData.Read("GitHub/files-12-page1.json"), ("Link", $"<{server.Url("/repos/acme/payments/pulls/12/files")}?per_page=100&page=2>; rel=\"next\"")));
        server.Route("/repos/acme/payments/pulls/10/files", Reply.Json(TestData.Read("GitHub/files-10.json")));
        server.Route("/repos/acme/payments/pulls/12/reviews", Reply.Json(TestData.Read("GitHub/reviews-12.json")));
        server.Route("/repos/acme/payments/pulls/10/reviews", Reply.Json("[]"));
        server.Route("/graphql", Reply.Json(TestData.Read("GitHub/graphql-closing.json")));
        server.Route(EventsPath, request => Conditional(request, EventsETag, TestData.Read("GitHub/issue-events.json")));
    }

    public GitHubImporter Importer(ApiClient client) =>
        new(client, new GitHubImportOptions { Repository = "acme/payments", ApiUrl = Server.BaseUrl, WebHost = "github.com" });

    public ApiClient Client(string token = "ghp_test") =>
        new(GitHubApi.ClientOptions(new Secret(token, "the token in GITHUB_TOKEN"), Time));

    public async Task<ImportSummary> ImportAsync(InMemoryOutcomeStore store)
    {
        using var client = Client();
        return await Importer(client).ImportAsync(store, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    /// <summary>GitHub's conditional GET: a matching If-None-Match gets 304 and no body.</summary>
    public static Reply Conditional(RecordedRequest request, string etag, string body, params (string Name, string Value)[] headers) =>
        request.Header("If-None-Match") == etag
            ? Reply.With(304, string.Empty, ("ETag", etag))
            : Reply.Json(body, [.. headers, ("ETag", etag)]);
}
