using Receipts.Domain.Metrics;
using Receipts.Domain.Pricing;
using Receipts.Domain.Storage;

namespace Receipts.Domain.Pipeline;

/// <summary>
/// The CPVO report end to end: attributed, reconciled spend for the weeks shown (and the quarter before,
/// for the trend) and the outcomes verified as of the report's instant, folded by week and group.
/// </summary>
public static class CpvoService
{
    public sealed record Request(CpvoGrouping GroupBy, int Weeks, DateTimeOffset AsOf, TimeZoneInfo Zone, bool Trend, int? WindowOverride = null);

    public sealed record Result(CpvoReport Report, SpendLedger Ledger, IReadOnlyList<ChangeOutcome> Outcomes, DateTimeOffset Since, DateTimeOffset Until);

    public static async Task<Result> RunAsync<TStore>(TStore store, DirectoryView directory, Request request, CancellationToken cancellationToken)
        where TStore : IUsageStore, IOutcomeStore, IPriceStore, ICorrectionStore
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(request);
        var lastWeek = IsoWeek.Of(request.AsOf, request.Zone);
        var firstWeek = lastWeek.AddWeeks(-(request.Weeks - 1));
        if (request.Trend)
        {
            // Two whole quarters back, so the previous quarter is complete.
            var quarterBack = IsoWeek.Of(request.AsOf.AddMonths(-6), request.Zone);
            firstWeek = quarterBack < firstWeek ? quarterBack : firstWeek;
        }

        var since = firstWeek.StartIn(request.Zone);
        var until = request.AsOf;
        var prices = await PriceBookLoader.LoadAsync(store, cancellationToken);
        var corrections = await store.ReadCorrectionsAsync(cancellationToken);
        // Changes first: their merges tell the store where summed usage must split to link to changes exactly.
        // Verifying them is pure work on facts already read, so it runs while the store sums usage.
        var facts = await OutcomePipeline.ReadAsync(store, cancellationToken);
        var splits = LinkSplits.Of(facts.Changes, request.AsOf, since, until);
        var verifying = Task.Run(() => OutcomePipeline.Verify(facts, directory, request.AsOf, request.WindowOverride), cancellationToken);
        var ledger = await SpendPipeline.RunAsync(store, store as IBillingStore, directory, prices, corrections, since, until, new SpendRun { Zone = request.Zone, Splits = splits }, cancellationToken);
        var outcomes = await verifying;
        var report = CpvoCalculator.Calculate(
            ledger.Items,
            outcomes,
            new CpvoOptions
            {
                GroupBy = request.GroupBy,
                Zone = request.Zone,
                LastWeek = lastWeek,
                Weeks = request.Weeks,
                Cordoned = directory.Cordoned,
                BandOfTeam = directory.BandOfTeam,
                TeamOfProject = directory.TeamOfProject,
            },
            request.Trend);
        return new Result(report, ledger, outcomes, since, until);
    }
}
