using Receipts.Sources.Http;
using Receipts.Sources.Tests.Fakes;

namespace Receipts.Sources.Tests.Http;

public sealed class ApiClientTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly InstantTimeProvider _time = new(Now);
    private LocalApiServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Get_RateLimitResetTooFarAway_FailsAtOnceNamingTheResetTime()
    {
        var reset = Now.AddHours(2);
        _server.Route("/x", Reply.With(403, """{"message":"API rate limit exceeded"}""", ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture))));
        using var client = Client();

        var error = await Should.ThrowAsync<SourceException>(() => client.GetAsync(_server.Url("/x"), null, CancellationToken.None));

        error.Message.ShouldContain("rate limit reached");
        error.Message.ShouldContain("2026-11-23 14:00:01 UTC");
        error.Hint!.ShouldContain("Nothing was written");
        _time.Delays.ShouldBeEmpty();
        _server.RequestsTo("/x").Count.ShouldBe(1);
    }

    [Fact]
    public async Task Get_RetryAfterAsHttpDate_WaitsUntilThen()
    {
        _server.Once("/x", Reply.With(429, "{}", ("Retry-After", Now.AddSeconds(45).ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
        _server.Route("/x", Reply.Json("[]"));
        using var client = Client();

        await client.GetAsync(_server.Url("/x"), null, CancellationToken.None);

        _time.Delays.ShouldBe([TimeSpan.FromSeconds(45)]);
    }

    [Fact]
    public async Task Get_BackoffGrowsBetweenRetries()
    {
        _server.Route("/x", Reply.With(500));
        using var client = Client();

        await Should.ThrowAsync<SourceException>(() => client.GetAsync(_server.Url("/x"), null, CancellationToken.None));

        client.Retries.ShouldBe(4);
        _time.Delays.Count.ShouldBe(4);
        _time.Delays[3].ShouldBeGreaterThan(_time.Delays[0]);
    }

    [Fact]
    public async Task Get_404_IncludesTheServersMessage()
    {
        _server.Route("/x", Reply.With(404, """{"message":"404 Project Not Found"}"""));
        using var client = Client();

        var error = await Should.ThrowAsync<SourceException>(() => client.GetAsync(_server.Url("/x"), null, CancellationToken.None));

        error.Message.ShouldBe($"Test has nothing at {_server.Url("/x")} (404). It said: 404 Project Not Found");
    }

    private ApiClient Client() => new(new ApiClientOptions
    {
        Service = "Test",
        Authorize = _ => { },
        CredentialDescription = "the token in TEST_TOKEN",
        CredentialHint = "Get a token.",
        Time = _time,
    });
}
