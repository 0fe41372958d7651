using Microsoft.Extensions.Logging;
using Receipts.Domain.Budgets;
using Receipts.Domain.Pipeline;
using Receipts.Domain.Pricing;
using Receipts.Domain.Storage;
using Receipts.Sources.Alerts;

namespace Receipts.Server.Scheduling;

/// <summary>
/// The budget and anomaly checks on their schedule (<c>alerts: schedule:</c>, default every 15 minutes): what
/// <c>receipts alerts check</c> does, as of the instant it runs at. The store keeps each alert once per period.
/// </summary>
public sealed partial class AlertCheckJob<TStore>(TStore store, ReportingContext context, ScheduleZone zone, HttpClient http, TimeProvider time, ILogger<AlertCheckJob<TStore>> logger)
    where TStore : IUsageStore, IOutcomeStore, IPriceStore, ICorrectionStore, IBudgetStore, IAlertStore
{
    public async Task RunAsync(DateTimeOffset instant, CancellationToken cancellationToken)
    {
        var budgets = await BudgetsInForce.LoadAsync(context.Directory.Budgets, store, cancellationToken);
        var prices = await PriceBookLoader.LoadAsync(store, cancellationToken);
        var (channels, problems) = AlertChannels.Create(context.Directory.Alerts, context.GetVariable, http, context.Delivery);
        foreach (var problem in problems)
        {
            LogChannelProblem(logger, problem);
        }

        var check = new ScheduledAlertCheck(new AttributedSpendSource<TStore>(store, context.View, prices), store, new AlertDispatcher(channels, time), time);
        var (found, raised, deliveries) = await check.RunAsync(budgets, context.Directory.Alerts, instant, zone.Zone, cancellationToken);
        var delivered = deliveries.Count(d => d.Delivered);
        LogChecked(logger, instant, found, raised.Count, delivered, deliveries.Count - delivered);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert channel left out: {Problem}")]
    private static partial void LogChannelProblem(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert check as of {AsOf}: {Found} found, {Raised} new, {Delivered} delivered, {Failed} failed deliveries")]
    private static partial void LogChecked(ILogger logger, DateTimeOffset asOf, int found, int raised, int delivered, int failed);
}
