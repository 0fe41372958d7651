using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Server.Runaway;
using Receipts.Server.Scheduling;
using Receipts.Server.Storage;
using Receipts.Sources.Alerts;
using Receipts.Sources.Configuration;
using Receipts.Sources.Tests.Alerts;
using Receipts.Storage.Contract.Tests;

namespace Receipts.Server.Tests.Scheduling;

/// <summary>
/// `receipts serve` with a directory file: the weekly report and the alert checks on their cron schedules (a fake
/// clock moved across the instant), delivered to a local webhook receiver and a local SMTP sink while a dead
/// channel fails beside them; and runaway burn seen on records posted over HTTP.
/// </summary>
public abstract class ScheduledReportingContract : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("receipts-schedule").FullName;

    protected string Folder => _directory;

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>A fresh, empty store of the kind under test.</summary>
    protected abstract Task<ServerStore> OpenStoreAsync(TimeProvider time);

    [StoreFact]
    public async Task WeeklyReportAndAlertChecks_RunAtTheirCronInstants_AndADeadChannelBlocksNothing()
    {
        await using var hooks = await HookReceiver.StartAsync();
        await using var smtp = new SmtpSink();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 7, 30, 0, TimeSpan.Zero));
        var store = await OpenStoreAsync(time);
        await SeedWeekdaysAsync(store, new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 21), 30m);
        var directory = DirectoryLoader.Parse(
            $$"""
            timezone: UTC
            teams:
              payments: { window_days: 14 }
            projects:
              payments-api: { team: payments, repos: [github.com/acme/payments] }
            budgets:
              - { key: payments-prod, monthly: 500 }
            alerts:
              schedule: "0 * * * *"
              channels:
                - { webhook: "{{hooks.Base}}/slack", format: slack, name: slack }
                - { webhook: "{{hooks.Base}}/ops", format: generic, name: ops }
                - { webhook: "http://127.0.0.1:9/dead", format: generic, name: dead }
                - { smtp: 127.0.0.1, port: {{smtp.Port}}, tls: false, from: receipts@acme.test, to: [finops@acme.test], name: mail }
              reports:
                weekly: { schedule: "0 8 * * MON", channels: [slack, ops, dead, mail] }
            """,
            Path.Combine(_directory, "receipts.yaml"));

        await using var server = await RunningServer.StartAsync(store, time, services: services =>
        {
            services.AddSingleton(new AlertDeliveryOptions { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(10), AttemptTimeout = TimeSpan.FromSeconds(5) });
            services.AddReceiptsReporting(store, directory, _ => null);
        });
        var scheduler = server.App.Services.GetRequiredService<CronScheduler>();
        await WaitAsync(() => scheduler.NextRuns.Count == 2);
        scheduler.NextRuns["report-weekly"].ShouldBe(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        hooks.Posts.ShouldBeEmpty();

        // Nothing runs before the instant …
        time.Advance(TimeSpan.FromMinutes(29));
        await Task.Delay(200);
        hooks.Posts.ShouldBeEmpty();

        // … and both run when the clock crosses it.
        time.Advance(TimeSpan.FromMinutes(2));
        await WaitAsync(() => scheduler.Runs.GetValueOrDefault("report-weekly") == 1 && scheduler.Runs.GetValueOrDefault("alerts-check") == 1);

        var slack = hooks.BodiesAt("/slack").Select(b => JsonDocument.Parse(b).RootElement).ToList();
        var report = slack.Single(b => b.GetProperty("text").GetString()!.StartsWith("Receipts weekly 2026-W47", StringComparison.Ordinal));
        report.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString()!.ShouldContain("payments");
        var generic = hooks.BodiesAt("/ops").Select(b => JsonDocument.Parse(b).RootElement).ToList();
        var body = generic.Single(b => b.TryGetProperty("report", out var r) && r.GetString() == "weekly").GetProperty("body");
        body.GetProperty("week").GetString().ShouldBe("2026-W47");
        body.GetProperty("total_spend").GetDecimal().ShouldBe(5 * 30m); // Monday to Friday of W47 at $30 a day.
        body.GetProperty("budgets")[0].GetProperty("state").GetString().ShouldNotBeNull();

        var mail = smtp.Messages.Where(m => m.Data.Contains("Subject: Receipts weekly", StringComparison.Ordinal)).ShouldHaveSingleItem();
        mail.To.ShouldContain("<finops@acme.test>");
        mail.Data.ShouldContain("text/html");
        mail.Data.ShouldContain("Subject: Receipts weekly 2026-W47");

        var deliveries = await ((IAlertStore)store.Usage).ReadDeliveriesAsync(["weekly:2026-W47"], CancellationToken.None);
        deliveries.Count.ShouldBe(4);
        deliveries.Single(d => d.Channel == "dead").Delivered.ShouldBeFalse();
        deliveries.Where(d => d.Channel != "dead").ShouldAllBe(d => d.Delivered);

        // The alert check ran too: the budget's thresholds and forecast, each delivered once …
        var budgetAlerts = generic.Where(b => b.TryGetProperty("kind", out var k) && k.GetString()!.StartsWith("budget", StringComparison.Ordinal)).Select(b => b.GetProperty("key").GetString()).ToList();
        budgetAlerts.ShouldBe(["budget:key:payments-prod:2026-11:0.5", "budget:key:payments-prod:2026-11:0.8", "budget:key:payments-prod:2026-11:forecast"], ignoreOrder: true);

        // … and not again at the next hour: the store keeps each alert once per period.
        time.Advance(TimeSpan.FromHours(1));
        await WaitAsync(() => scheduler.Runs.GetValueOrDefault("alerts-check") == 2);
        hooks.BodiesAt("/ops").Count(b => b.Contains("\"kind\":\"budget", StringComparison.Ordinal)).ShouldBe(3);
        scheduler.Runs.GetValueOrDefault("report-weekly").ShouldBe(1);
    }

    [StoreFact]
    public async Task LiveStream_AnHourFarAboveNormal_RaisesOneRunawayAlertAtTheWebhook()
    {
        await using var hooks = await HookReceiver.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 14, 20, 0, TimeSpan.Zero));
        var store = await OpenStoreAsync(time);

        // Three weeks of sarah's ordinary afternoons: $2 an hour, 10:00 to 16:00 on weekdays.
        var baseline = new List<UsageRecord>();
        for (var day = new DateOnly(2026, 11, 2); day < new DateOnly(2026, 11, 23); day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            for (var hour = 10; hour < 16; hour++)
            {
                baseline.Add(Record($"b-{day:MMdd}-{hour}", new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 5)), TimeSpan.Zero), 2m, "sarah"));
            }
        }

        await store.Usage.WriteUsageAsync(baseline, [], CancellationToken.None);
        var directory = DirectoryLoader.Parse(
            $$"""
            timezone: UTC
            alerts:
              channels:
                - { webhook: "{{hooks.Base}}/ops", format: generic, name: ops }
            """,
            Path.Combine(_directory, "receipts.yaml"));
        await using var server = await RunningServer.StartAsync(store, time, services: services =>
        {
            services.AddSingleton(new AlertDeliveryOptions { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(10) });
            services.AddReceiptsReporting(store, directory, _ => null);
        });
        var watch = server.App.Services.GetRequiredService<LiveRunawayWatch>();
        await WaitAsync(() => watch.Ready);

        // An ordinary hour stays quiet.
        using (var quiet = Post(server, Json("q-1", "2026-11-23T14:01:00Z", 2.5m)))
        {
            (await server.Client.SendAsync(quiet)).IsSuccessStatusCode.ShouldBeTrue();
        }

        await Task.Delay(300);
        hooks.Posts.ShouldBeEmpty();

        // A loop burning $10 a minute crosses ten times the median hour within the hour.
        for (var minute = 2; minute < 12; minute++)
        {
            using var request = Post(server, Json($"r-{minute}", $"2026-11-23T14:{minute:00}:00Z", 10m));
            var response = await server.Client.SendAsync(request);
            response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        }

        await WaitAsync(() => !hooks.Posts.IsEmpty);
        await Task.Delay(300);
        var alert = JsonDocument.Parse(hooks.Posts.ShouldHaveSingleItem().Body).RootElement;
        alert.GetProperty("kind").GetString().ShouldBe("runaway");
        alert.GetProperty("subject").GetString().ShouldBe("person sarah");
        alert.GetProperty("key").GetString().ShouldBe("runaway:person:sarah:2026-11-23T14");
        alert.GetProperty("expected").GetDecimal().ShouldBe(2m);
        alert.GetProperty("driver").GetString()!.ShouldContain("model claude-sonnet-4-5");
        (await ((IAlertStore)store.Usage).ReadAlertsAsync(null, 10, CancellationToken.None)).ShouldHaveSingleItem().Key.ShouldBe("runaway:person:sarah:2026-11-23T14");

        using var metrics = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        metrics.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.ReadToken);
        (await (await server.Client.SendAsync(metrics)).Content.ReadAsStringAsync()).ShouldContain("receipts_runaway_tap_dropped_records_total");
    }

    private static UsageRecord Record(string id, DateTimeOffset at, decimal cost, string? person = null, string? key = null) => new()
    {
        Id = id,
        SourceKind = "generic",
        At = at,
        Provider = "anthropic",
        Model = "claude-sonnet-4-5",
        Tokens = new TokenCounts(1000, 100, 0, 0, 0),
        Cost = cost,
        CostBasis = CostBasis.Billed,
        Person = person,
        ApiKeyAlias = key,
        Repo = "github.com/acme/payments",
        SessionId = "s-" + id,
    };

    private static string Json(string id, string at, decimal cost) => Usage.Batch(
        $$"""{"id":"{{id}}","sourceKind":"generic","at":"{{at}}","provider":"anthropic","model":"claude-sonnet-4-5","tokens":{"input":1000,"output":100,"cacheRead":0,"cacheWrite5m":0,"cacheWrite1h":0},"requests":1,"cost":{{cost.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"costBasis":"billed","person":"sarah","sessionId":"loop-1"}""");

    private static HttpRequestMessage Post(RunningServer server, string body) => Usage.Post(body, server.IngestToken);

    private static async Task SeedWeekdaysAsync(ServerStore store, DateOnly from, DateOnly until, decimal perDay)
    {
        var records = new List<UsageRecord>();
        for (var day = from; day < until; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                records.Add(Record("d" + day.DayNumber, new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), perDay, "sarah", "payments-prod"));
            }
        }

        await store.Usage.WriteUsageAsync(records, [], CancellationToken.None);
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold within 60 s.");
            }

            await Task.Delay(25);
        }
    }
}
