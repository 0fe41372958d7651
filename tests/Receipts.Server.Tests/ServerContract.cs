using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Receipts.Domain.Storage;
using Receipts.Server.Storage;
using Receipts.Storage.Contract.Tests;

namespace Receipts.Server.Tests;

/// <summary>The collector over HTTP, the same for every store: each test starts a real server on 127.0.0.1.</summary>
public abstract class ServerContract : IAsyncLifetime
{
    private RunningServer? _server;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));

    private RunningServer Server => _server!;

    private HttpClient Client => Server.Client;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(await OpenStoreAsync(), Time);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await CleanupAsync();
    }

    protected abstract Task<ServerStore> OpenStoreAsync();

    protected virtual Task CleanupAsync() => Task.CompletedTask;

    [StoreFact]
    public async Task Dashboard_OnThisStore_ComputesItsSnapshot_AndShowsHomeOnlyWithAReadCookie()
    {
        using var anonymous = await Client.GetAsync(new Uri("/dashboard/api/status", UriKind.Relative));
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        JsonElement status = default;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/api/status");
            request.Headers.Add("Cookie", "receipts_dashboard=" + Server.ReadToken);
            using var response = await Client.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            status = await Json(response);
            if (status.GetProperty("version").ValueKind == JsonValueKind.Number || status.GetProperty("error").ValueKind == JsonValueKind.String)
            {
                break;
            }

            await Task.Delay(100);
        }

        status.GetProperty("available").GetBoolean().ShouldBeTrue();
        status.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        status.GetProperty("version").ValueKind.ShouldBe(JsonValueKind.Number);
        using var home = new HttpRequestMessage(HttpMethod.Get, "/");
        home.Headers.Add("Cookie", "receipts_dashboard=" + Server.ReadToken);
        using var page = await Client.SendAsync(home);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("<canvas");
    }

    [StoreFact]
    public async Task PostUsage_ValidBatch_Answers200WithCounts_AndTheRecordsAreCommitted()
    {
        using var response = await Client.SendAsync(Usage.Post(Usage.Batch(Usage.Record("a"), Usage.Record("b", 7), Usage.Record("c")), Server.IngestToken));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await Json(response);
        body.GetProperty("inserted").GetInt32().ShouldBe(3);
        var stored = await Server.Store.Usage.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
        stored.Select(r => r.Id).ShouldBe(["a", "b", "c"], ignoreOrder: true);
        var b = stored.Single(r => r.Id == "b");
        b.Tokens.Output.ShouldBe(7);
        b.Tokens.CacheRead.ShouldBe(100);
        b.At.ShouldBe(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        b.TicketIds.ShouldBe(["PAY-1"]);
        b.Repo.ShouldBe("github.com/acme/payments");
    }

    [StoreFact]
    public async Task PostUsage_SameBatchReplayed_ChangesNothing_AndSpendIsCountedOnce()
    {
        var batch = Usage.Batch(Usage.Record("a", 40), Usage.Record("b", 2));
        using var first = await Client.SendAsync(Usage.Post(batch, Server.TeamToken));
        using var replay = await Client.SendAsync(Usage.Post(batch, Server.TeamToken));

        replay.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await Json(replay);
        body.GetProperty("inserted").GetInt32().ShouldBe(0);
        body.GetProperty("unchanged").GetInt32().ShouldBe(2);
        (await Server.Store.Usage.CountUsageAsync(CancellationToken.None)).ShouldBe(2);
        var metrics = await MetricsAsync(Server.ReadToken);
        metrics.ShouldContain("receipts_usage_tokens_total{team=\"payments\",project=\"\",model=\"claude-sonnet-4-5\",kind=\"output\"} 42");
    }

    [StoreFact]
    public async Task PostUsage_MalformedValue_Answers400NamingRecordIndexAndField_AndStoresNothing()
    {
        var bad = Usage.Record("c").Replace("\"output\":5", "\"output\":\"many\"", StringComparison.Ordinal);

        using var response = await Client.SendAsync(Usage.Post(Usage.Batch(Usage.Record("a"), Usage.Record("b"), bad), Server.IngestToken));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await Json(response);
        problem.GetProperty("index").GetInt32().ShouldBe(2);
        problem.GetProperty("field").GetString().ShouldBe("tokens.output");
        problem.GetProperty("detail").GetString()!.ShouldContain("records[2].tokens.output");
        (await Server.Store.Usage.CountUsageAsync(CancellationToken.None)).ShouldBe(0);
    }

    [StoreFact]
    public async Task PostUsage_MissingAndImpossibleFields_Answers400ListingEach_AndStoresNothing()
    {
        var noModel = Usage.Record("b").Replace("\"model\":\"claude-sonnet-4-5\",", string.Empty, StringComparison.Ordinal);
        var negative = Usage.Record("c").Replace("\"input\":3", "\"input\":-3", StringComparison.Ordinal);

        using var response = await Client.SendAsync(Usage.Post(Usage.Batch(Usage.Record("a"), noModel, negative), Server.IngestToken));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await Json(response)).GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("index").GetInt32(), e.GetProperty("field").GetString())).ToList();
        errors.ShouldContain((1, "model"));
        errors.ShouldContain((2, "tokens.input"));
        (await Server.Store.Usage.CountUsageAsync(CancellationToken.None)).ShouldBe(0);
    }

    [StoreFact]
    public async Task PostUsage_BodyOverTheLimit_Answers413_WithContentLengthOrChunked()
    {
        var big = Usage.Batch(Enumerable.Range(0, 400).Select(i => Usage.Record("r" + i)));
        big.Length.ShouldBeGreaterThan(64 * 1024);

        using var sized = await Client.SendAsync(Usage.Post(big, Server.IngestToken));
        using var chunkedRequest = Usage.Post(big, Server.IngestToken);
        chunkedRequest.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunkedRequest.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        chunkedRequest.Headers.TransferEncodingChunked = true;
        using var chunked = await Client.SendAsync(chunkedRequest);

        sized.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        chunked.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await Json(sized)).GetProperty("detail").GetString()!.ShouldContain("65536 bytes");
        (await Server.Store.Usage.CountUsageAsync(CancellationToken.None)).ShouldBe(0);
    }

    [StoreFact]
    public async Task PostUsage_Gzipped_IsAccepted_AndAGzipBombIs413_AndOtherEncodings415()
    {
        using var small = GzipPost(Usage.Batch(Usage.Record("a"), Usage.Record("b")), Server.IngestToken);
        using var bomb = GzipPost(Usage.Batch(Usage.Record("c")) + new string(' ', 10 * 1024 * 1024), Server.IngestToken);
        using var brotli = Usage.Post(Usage.Batch(Usage.Record("d")), Server.IngestToken);
        brotli.Content!.Headers.ContentEncoding.Add("br");

        using var accepted = await Client.SendAsync(small);
        using var tooLarge = await Client.SendAsync(bomb);
        using var unsupported = await Client.SendAsync(brotli);

        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
        tooLarge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        unsupported.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await Server.Store.Usage.CountUsageAsync(CancellationToken.None)).ShouldBe(2);
    }

    private static HttpRequestMessage GzipPost(string body, string token)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(body));
        }

        var request = Usage.Post(string.Empty, token);
        request.Content = new ByteArrayContent(compressed.ToArray());
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.ContentEncoding.Add("gzip");
        return request;
    }

    [StoreFact]
    public async Task PostUsage_TextPlain_Answers415()
    {
        using var response = await Client.SendAsync(Usage.Post(Usage.Batch(Usage.Record("a")), Server.IngestToken, "text/plain"));

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await Json(response)).GetProperty("detail").GetString()!.ShouldContain("application/json");
    }

    [StoreFact]
    public async Task PostUsage_NoToken_Answers401SayingItIsMissing()
    {
        using var response = await Client.SendAsync(Usage.Post(Usage.Batch(Usage.Record("a")), token: null));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
        (await Json(response)).GetProperty("title").GetString().ShouldBe("Missing bearer token");
    }

    [StoreFact]
    public async Task PostUsage_UnknownToken_Answers401SayingItIsUnknown()
    {
        using var response = await Client.SendAsync(Usage.Post(Usage.Batch(Usage.Record("a")), Domain.Tokens.TokenSecret.Generate()));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Json(response)).GetProperty("title").GetString().ShouldBe("Unknown token");
    }

    [StoreFact]
    public async Task PostUsage_ReadToken_Answers403NamingBothScopes_AndAdminMayIngest()
    {
        using var read = await Client.SendAsync(Usage.Post(Usage.Batch(Usage.Record("a")), Server.ReadToken));
        using var admin = await Client.SendAsync(Usage.Post(Usage.Batch(Usage.Record("a")), Server.AdminToken));

        read.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var detail = (await Json(read)).GetProperty("detail").GetString()!;
        detail.ShouldContain("read scope");
        detail.ShouldContain("needs ingest");
        admin.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task PostUsage_TeamBoundToken_TagsEveryRecordWithItsTeam_OverridingTheSender()
    {
        using var response = await Client.SendAsync(Usage.Post(
            Usage.Batch(Usage.Record("a", tagsJson: """{"team":"someone-else","project":"refunds"}"""), Usage.Record("b")),
            Server.TeamToken));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var stored = await Server.Store.Usage.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
        stored.ShouldAllBe(r => r.Tags["team"] == "payments");
        stored.Single(r => r.Id == "a").Tags["project"].ShouldBe("refunds");
    }

    [StoreFact]
    public async Task Healthz_StoreReachable_Answers200WithoutAToken()
    {
        using var response = await Client.GetAsync(new Uri("/healthz", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Json(response)).GetProperty("store").GetString().ShouldBe("reachable");
    }

    [StoreFact]
    public async Task Metrics_NeedAReadToken_AndShowRequestsRejectionsLatencyAndSpend()
    {
        using (await Client.SendAsync(Usage.Post(Usage.Batch(Usage.Record("a", 11, model: "claude-opus-4-5")), Server.TeamToken)))
        using (await Client.SendAsync(Usage.Post("{", Server.IngestToken)))
        using (var anonymous = await Client.GetAsync(new Uri("/metrics", UriKind.Relative)))
        {
            anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var metrics = await MetricsAsync(Server.ReadToken);

        metrics.ShouldContain("receipts_http_requests_total{route=\"/v1/usage\",status=\"200\"} 1");
        metrics.ShouldContain("receipts_http_requests_total{route=\"/v1/usage\",status=\"400\"} 1");
        metrics.ShouldContain("receipts_collector_rejections_total{reason=\"malformed\"} 1");
        metrics.ShouldContain("receipts_collector_batch_duration_seconds_count{area=\"usage\"} 1");
        metrics.ShouldContain("receipts_store_write_duration_seconds_count{area=\"usage\"} 1");
        metrics.ShouldContain("receipts_usage_tokens_total{team=\"payments\",project=\"\",model=\"claude-opus-4-5\",kind=\"output\"} 11");
        metrics.ShouldContain("receipts_usage_tokens_total{team=\"payments\",project=\"\",model=\"claude-opus-4-5\",kind=\"cache_read\"} 100");
        metrics.ShouldContain("receipts_collector_records_total{area=\"usage\",result=\"inserted\"} 1");
    }

    [StoreFact]
    public async Task Server_AfterGarbage_KeepsServing()
    {
        var garbage = new List<HttpContent>
        {
            new ByteArrayContent([0xff, 0xfe, 0x00, 0x01, 0x80, 0x81]),
            new StringContent("{\"records\":[{\"id\":\"a\",", Encoding.UTF8),
            new StringContent(new string('[', 10_000), Encoding.UTF8),
            new StringContent("{\"records\":{\"id\":1}}", Encoding.UTF8),
            new StringContent("null", Encoding.UTF8),
            new StringContent("{\"records\":[null, 5, \"x\"]}", Encoding.UTF8),
            new StringContent(Usage.Batch(Usage.Record("huge").Replace("\"input\":3", "\"input\":9223372036854775807", StringComparison.Ordinal), Usage.Record("huge").Replace("\"output\":5", "\"output\":9223372036854775807", StringComparison.Ordinal)), Encoding.UTF8),
            new StringContent(Usage.Batch(Usage.Record("costly").Replace("\"requests\":1", "\"requests\":1,\"cost\":1e400", StringComparison.Ordinal)), Encoding.UTF8),
        };
        foreach (var content in garbage)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/usage") { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Server.IngestToken);
            using var response = await Client.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        }

        using var valid = await Client.SendAsync(Usage.Post(Usage.Batch(Usage.Record("a")), Server.IngestToken));

        valid.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Server.Store.Usage.CountUsageAsync(CancellationToken.None)).ShouldBe(1);
    }

    [StoreFact]
    public async Task Stop_WhileABatchIsInFlight_FinishesAndCommitsIt()
    {
        var release = new TaskCompletionSource();
        using var request = Usage.Post(string.Empty, Server.IngestToken);
        request.Content = new SlowContent(Usage.Batch(Usage.Record("a"), Usage.Record("b")), release.Task);
        var sending = Client.SendAsync(request);
        await Task.Delay(300);

        var stopping = Server.App.StopAsync();
        await Task.Delay(200);
        release.SetResult();
        using var response = await sending;
        await stopping;

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Server.Store.Usage.CountUsageAsync(CancellationToken.None)).ShouldBe(2);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<string> MetricsAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        return await response.Content.ReadAsStringAsync();
    }
}
