using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Receipts.Domain.Alerts;
using Receipts.Sources.Alerts;
using Receipts.Sources.Tests.Fakes;

namespace Receipts.Sources.Tests.Alerts;

public sealed class AlertDeliveryTests
{
    private static readonly AlertDeliveryOptions Fast = new() { MaxRetries = 3, BaseDelay = TimeSpan.FromMilliseconds(10), AttemptTimeout = TimeSpan.FromSeconds(5) };

    private static Alert Sample(string key = "budget:team:payments:2026-11:0.8") => new()
    {
        Key = key,
        Kind = AlertKind.BudgetThreshold,
        Severity = AlertSeverity.Warning,
        Subject = "team payments",
        Title = "team payments has spent 80% of its 2026-11 budget",
        Detail = "Spent $4,000.00 of $5,000.00 (80%) after 15 of 30 days; forecast $8,100.00 (80% range $7,600.00–$8,600.00).",
        RaisedAt = new DateTimeOffset(2026, 11, 16, 6, 0, 0, TimeSpan.Zero),
        Since = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
        Observed = 4000m,
        Expected = 5000m,
    };

    [Fact]
    public async Task Webhook_Slack_PostsTextAndBlocks()
    {
        await using var server = await LocalApiServer.StartAsync();
        server.Route("/slack", Reply.With(200, "ok"));
        using var http = new HttpClient();
        var channel = new WebhookChannel("slack", http, server.Url("/slack"), WebhookFormat.Slack, Fast);

        var result = await channel.SendAsync(Sample(), CancellationToken.None);

        result.ShouldBe(new ChannelResult(true, 1, null));
        var body = JsonDocument.Parse(server.RequestsTo("/slack").Single().Body).RootElement;
        body.GetProperty("text").GetString()!.ShouldStartWith("team payments has spent 80%");
        body.GetProperty("blocks")[0].GetProperty("text").GetProperty("type").GetString().ShouldBe("mrkdwn");
        server.RequestsTo("/slack").Single().Header("Content-Type")!.ShouldStartWith("application/json");
    }

    [Fact]
    public async Task Webhook_Generic_CarriesEveryField()
    {
        await using var server = await LocalApiServer.StartAsync();
        server.Route("/hook", Reply.With(204, string.Empty));
        using var http = new HttpClient();
        var channel = new WebhookChannel("ops", http, server.Url("/hook"), WebhookFormat.Generic, Fast);

        (await channel.SendAsync(Sample(), CancellationToken.None)).Delivered.ShouldBeTrue();

        var body = JsonDocument.Parse(server.RequestsTo("/hook").Single().Body).RootElement;
        body.GetProperty("key").GetString().ShouldBe("budget:team:payments:2026-11:0.8");
        body.GetProperty("kind").GetString().ShouldBe("budget-threshold");
        body.GetProperty("severity").GetString().ShouldBe("warning");
        body.GetProperty("observed").GetDecimal().ShouldBe(4000m);
        body.GetProperty("since").GetString().ShouldBe("2026-11-01T00:00:00.0000000Z");
    }

    [Fact]
    public async Task Webhook_ServerErrorsThenOk_IsRetriedAndDelivered()
    {
        await using var server = await LocalApiServer.StartAsync();
        server.Once("/hook", Reply.With(503));
        server.Once("/hook", Reply.With(429));
        server.Route("/hook", Reply.With(200));
        using var http = new HttpClient();
        var channel = new WebhookChannel("ops", http, server.Url("/hook"), WebhookFormat.Generic, Fast);

        var result = await channel.SendAsync(Sample(), CancellationToken.None);

        result.Delivered.ShouldBeTrue();
        result.Attempts.ShouldBe(3);
        server.RequestsTo("/hook").Count.ShouldBe(3);
    }

    [Fact]
    public async Task Webhook_BadRequest_IsNotRetried()
    {
        await using var server = await LocalApiServer.StartAsync();
        server.Route("/hook", Reply.With(400, "invalid_payload"));
        using var http = new HttpClient();
        var result = await new WebhookChannel("ops", http, server.Url("/hook"), WebhookFormat.Slack, Fast).SendAsync(Sample(), CancellationToken.None);
        result.Delivered.ShouldBeFalse();
        result.Attempts.ShouldBe(1);
        result.Error!.ShouldContain("400");
    }

    [Fact]
    public async Task Smtp_ToALocalSink_DeliversSubjectAndBody()
    {
        await using var sink = new SmtpSink();
        var config = new SmtpChannelConfig { Name = "email", Host = "127.0.0.1", Port = sink.Port, Tls = false, From = "receipts@acme.test", To = ["finops@acme.test", "cto@acme.test"] };

        var result = await new SmtpChannel(config, null, Fast).SendAsync(Sample(), CancellationToken.None);

        result.ShouldBe(new ChannelResult(true, 1, null));
        sink.Messages.Count.ShouldBe(1);
        sink.Messages.TryPeek(out var message).ShouldBeTrue();
        message.From.ShouldBe("<receipts@acme.test>");
        message.To.ShouldBe(["<finops@acme.test>", "<cto@acme.test>"]);
        message.Data.ShouldContain("Subject: [receipts] team payments has spent 80% of its 2026-11 budget");
        message.Data.ShouldContain("budget:team:payments:2026-11:0.8");
    }

    [Fact]
    public async Task Dispatch_OneReceiverDown_IsRetriedAndDoesNotBlockTheOthers()
    {
        await using var server = await LocalApiServer.StartAsync();
        server.Route("/up", Reply.With(200));
        await using var sink = new SmtpSink();
        var downPort = FreePort(); // nothing listens here: connection refused
        using var http = new HttpClient();
        var channels = new IAlertChannel[]
        {
            new WebhookChannel("down", http, new Uri($"http://127.0.0.1:{downPort}/hook"), WebhookFormat.Slack, Fast),
            new WebhookChannel("up", http, server.Url("/up"), WebhookFormat.Generic, Fast),
            new SmtpChannel(new SmtpChannelConfig { Name = "email", Host = "127.0.0.1", Port = sink.Port, Tls = false, From = "r@acme.test", To = ["f@acme.test"] }, null, Fast),
        };
        var dispatcher = new AlertDispatcher(channels, TimeProvider.System);

        var deliveries = await dispatcher.DispatchAsync([Sample("a"), Sample("b")], CancellationToken.None);

        deliveries.Count.ShouldBe(6);
        deliveries.Where(d => d.Channel == "down").ShouldAllBe(d => !d.Delivered && d.Attempts == 4 && d.Error != null);
        deliveries.Where(d => d.Channel != "down").ShouldAllBe(d => d.Delivered);
        server.RequestsTo("/up").Count.ShouldBe(2);
        sink.Messages.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Dispatch_ChannelThatThrows_IsRecordedAsFailed()
    {
        var dispatcher = new AlertDispatcher([new ThrowingChannel()], TimeProvider.System);
        var delivery = (await dispatcher.DispatchAsync([Sample()], CancellationToken.None)).Single();
        delivery.Delivered.ShouldBeFalse();
        delivery.Error.ShouldBe("boom");
    }

    [Fact]
    public void Channels_MissingSecretVariable_IsAProblemNotACrash()
    {
        var config = new AlertsConfig
        {
            Webhooks = [new WebhookChannelConfig { Name = "slack", UrlVariable = "SLACK_URL" }, new WebhookChannelConfig { Name = "ops", Url = "http://127.0.0.1:1/x" }],
        };
        using var http = new HttpClient();
        var (channels, problems) = AlertChannels.Create(config, _ => null, http, Fast);
        channels.Select(c => c.Name).ShouldBe(["ops"]);
        problems.Single().ShouldContain("SLACK_URL");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class ThrowingChannel : IAlertChannel
    {
        public string Name => "broken";

        public Task<ChannelResult> SendAsync(Alert alert, CancellationToken cancellationToken) => throw new InvalidOperationException("boom");
    }
}
