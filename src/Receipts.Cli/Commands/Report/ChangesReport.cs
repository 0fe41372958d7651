using Receipts.Domain.Directory;
using Receipts.Domain.Outcomes;
using Receipts.Domain.Storage;

namespace Receipts.Cli.Commands.Report;

/// <summary>
/// Loads what <c>report changes</c> needs, verifies every change of the repos concerned (a revert may
/// land after the period shown), then keeps the changes of the period and team asked for.
/// </summary>
internal static class ChangesReport
{
    public sealed record Query(string? Repo, string? Team, DateTimeOffset? Since, DateTimeOffset? Until, DateTimeOffset AsOf, int? WindowOverride);

    public sealed record Result(
        IReadOnlyList<ChangeVerdict> Verdicts,
        VerificationTotals Totals,
        IReadOnlyList<TeamWindowChange> WindowHistory,
        DateTimeOffset AsOf,
        int? WindowOverride);

    public static async Task<Result> RunAsync(IOutcomeStore store, DirectoryConfig directory, Query query, CancellationToken cancellationToken)
    {
        var changes = await store.ReadChangesAsync(new ChangeFilter { Repo = query.Repo }, cancellationToken);
        var events = await store.ReadTicketEventsAsync(cancellationToken);
        var history = await store.ReadTeamWindowChangesAsync(cancellationToken);
        var policy = new WindowPolicy(directory, history, query.WindowOverride);
        var verifier = new OutcomeVerifier(policy, directory.Outcomes);
        var all = verifier.Verify(changes, events, query.AsOf);

        var shown = all.Verdicts
            .Where(v => query.Since is not { } since || v.Change.MergedAt >= since)
            .Where(v => query.Until is not { } until || v.Change.MergedAt < until)
            .Where(v => v.Change.MergedAt <= query.AsOf)
            .Where(v => query.Team is null || string.Equals(v.Team, query.Team, StringComparison.Ordinal))
            .ToList();
        var teams = shown.Select(v => v.Team).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (query.Team is not null)
        {
            teams.Add(query.Team);
        }

        var relevantHistory = history.Where(h => teams.Contains(h.Team)).ToList();
        return new Result(shown, VerificationTotals.Of(shown), relevantHistory, query.AsOf, query.WindowOverride);
    }
}
