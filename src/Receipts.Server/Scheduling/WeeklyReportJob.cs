using Microsoft.Extensions.Logging;
using Receipts.Domain.Budgets;
using Receipts.Domain.Pricing;
using Receipts.Domain.Reports.Rendering;
using Receipts.Domain.Reports.Weekly;
using Receipts.Domain.Storage;
using Receipts.Sources.Reports;

namespace Receipts.Server.Scheduling;

/// <summary>
/// Builds the weekly report of the last complete week before the instant it runs at and sends it to the schedule's
/// channels: the chat summary to webhooks (or the report's JSON for generic ones), the HTML page by email.
/// Each delivery is recorded under <c>weekly:2026-W47</c>.
/// </summary>
public sealed partial class WeeklyReportJob<TStore>(TStore store, ReportingContext context, ScheduleZone zone, HttpClient http, TimeProvider time, ILogger<WeeklyReportJob<TStore>> logger)
    where TStore : IUsageStore, IOutcomeStore, IPriceStore, ICorrectionStore, IBudgetStore, IAlertStore
{
    public async Task<IReadOnlyList<Domain.Alerts.AlertDelivery>> RunAsync(DateTimeOffset instant, IReadOnlyCollection<string> channelNames, CancellationToken cancellationToken)
    {
        var week = WeeklyReportService.LastComplete(instant, zone.Zone);
        var budgets = await BudgetsInForce.LoadAsync(context.Directory.Budgets, store, cancellationToken);
        var report = await WeeklyReportService.RunAsync(store, context.View, new WeeklyReportService.Request(week, zone.Zone, budgets), cancellationToken);
        var message = new ReportMessage(
            "weekly",
            $"weekly:{week}",
            WeeklyDocument.Title(report),
            WeeklySummary.Write(report),
            WeeklyDocument.Render(report, ReportFormat.Markdown),
            WeeklyDocument.Render(report, ReportFormat.Html),
            WeeklyJson.Write(report));
        var (channels, problems) = ReportChannels.Create(context.Directory.Alerts, channelNames, context.GetVariable, http, context.Delivery);
        foreach (var problem in problems)
        {
            LogChannelProblem(logger, problem);
        }

        var deliveries = await ReportChannels.SendAsync(channels, message, time, cancellationToken);
        foreach (var delivery in deliveries)
        {
            await store.RecordDeliveryAsync(delivery, cancellationToken);
            LogDelivered(logger, message.Key, delivery.Channel, delivery.Delivered, delivery.Attempts, delivery.Error ?? string.Empty);
        }

        return deliveries;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report channel left out: {Problem}")]
    private static partial void LogChannelProblem(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Report} to {Channel}: delivered {Delivered} after {Attempts} attempts {Error}")]
    private static partial void LogDelivered(ILogger logger, string report, string channel, bool delivered, int attempts, string error);
}
