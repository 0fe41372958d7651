using Receipts.Domain.Alerts;
using Receipts.Domain.Storage;

namespace Receipts.Storage.Contract.Tests;

/// <summary>The alert key is the sent-once state, and deliveries are kept per channel, whatever the database.</summary>
public abstract class AlertStoreContract<TStore> : StoreContract<TStore>
    where TStore : class, IUsageStore, ITokenStore, IStoreHealth, IAlertStore, IAsyncDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    private static Alert Alert(string key, DateTimeOffset raised) => new()
    {
        Key = key,
        Kind = AlertKind.BudgetThreshold,
        Severity = AlertSeverity.Warning,
        Subject = "team payments",
        Title = "payments crossed 80% of its monthly budget",
        Detail = "spent $812.40 of $1,000.00",
        RaisedAt = raised,
        Since = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
        Observed = 812.4m,
        Expected = 1000m,
        Driver = "model claude-opus-4-1",
    };

    [StoreFact]
    public async Task AddAlerts_SameKeyAgain_IsNotRaisedTwice()
    {
        var first = Alert("budget:team:payments:2026-11:0.8", At);

        var added = await Store.AddAlertsAsync([first, first with { Title = "duplicate in one batch" }], Ct);
        var again = await Store.AddAlertsAsync([first with { RaisedAt = At.AddHours(1) }, Alert("budget:team:payments:2026-11:1", At.AddHours(1))], Ct);

        added.ShouldBe([first]);
        again.Select(a => a.Key).ShouldBe(["budget:team:payments:2026-11:1"]);
    }

    [StoreFact]
    public async Task ReadAlerts_NewestFirst_SinceAndLimit()
    {
        var old = Alert("a", At);
        var mid = Alert("b", At.AddHours(1)) with { Since = null, Observed = null, Expected = null, Driver = null };
        var recent = Alert("c", At.AddHours(2));
        await Store.AddAlertsAsync([old, mid, recent], Ct);

        (await Store.ReadAlertsAsync(null, 10, Ct)).ShouldBe([recent, mid, old]);
        (await Store.ReadAlertsAsync(At.AddHours(1), 10, Ct)).ShouldBe([recent, mid]);
        (await Store.ReadAlertsAsync(null, 1, Ct)).ShouldBe([recent]);
    }

    [StoreFact]
    public async Task RecordDelivery_ReplacesTheChannelsOutcome_ReadByKeyThenChannel()
    {
        await Store.AddAlertsAsync([Alert("a", At), Alert("b", At)], Ct);
        await Store.RecordDeliveryAsync(new AlertDelivery("a", "webhook", false, 3, "503 from hook", At), Ct);
        await Store.RecordDeliveryAsync(new AlertDelivery("a", "webhook", true, 1, null, At.AddMinutes(5)), Ct);
        await Store.RecordDeliveryAsync(new AlertDelivery("a", "email", true, 1, null, At), Ct);
        await Store.RecordDeliveryAsync(new AlertDelivery("b", "email", false, 2, "smtp refused", At), Ct);

        var read = await Store.ReadDeliveriesAsync(["b", "a", "missing"], Ct);

        read.ShouldBe(
        [
            new AlertDelivery("b", "email", false, 2, "smtp refused", At),
            new AlertDelivery("a", "email", true, 1, null, At),
            new AlertDelivery("a", "webhook", true, 1, null, At.AddMinutes(5)),
        ]);
        (await Store.ReadDeliveriesAsync([], Ct)).ShouldBeEmpty();
    }
}
