using Receipts.Domain.Metrics;
using Receipts.Domain.Outcomes;
using Receipts.Domain.Storage;

namespace Receipts.Domain.Pipeline;

/// <summary>Verifies every stored change as of an instant and places it in its project and team.</summary>
public static class OutcomePipeline
{
    /// <param name="windowOverride">Overrides the teams' windows (for exploring); null uses the directory and its recorded history.</param>
    public static async Task<IReadOnlyList<ChangeOutcome>> RunAsync(
        IOutcomeStore store,
        DirectoryView directory,
        DateTimeOffset asOf,
        int? windowOverride,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(directory);
        var changes = await store.ReadChangesAsync(ChangeFilter.All, cancellationToken);
        var events = await store.ReadTicketEventsAsync(cancellationToken);
        var history = await store.ReadTeamWindowChangesAsync(cancellationToken);
        var verifier = new OutcomeVerifier(new WindowPolicy(directory.Config, history, windowOverride), directory.Config.Outcomes);
        var result = verifier.Verify(changes.Where(c => c.MergedAt <= asOf), events, asOf);
        return result.Verdicts.Select(v => ToOutcome(v, directory)).ToList();
    }

    private static ChangeOutcome ToOutcome(ChangeVerdict v, DirectoryView directory)
    {
        var project = directory.Config.ProjectForRepo(v.Change.Repo)?.Name;
        return new ChangeOutcome
        {
            Repo = v.Change.Repo,
            Id = v.Change.Id,
            MergedAt = v.Change.MergedAt,
            HeadBranch = v.Change.HeadBranch,
            Tickets = v.Change.Tickets,
            FirstCommitAt = v.Change.FirstCommitAt,
            Project = project,
            Team = v.Team ?? (project is null ? null : directory.TeamOfProject.GetValueOrDefault(project)),
            Status = v.Status switch
            {
                ChangeStatus.Verified => OutcomeStatus.Verified,
                ChangeStatus.Disqualified => OutcomeStatus.Disqualified,
                _ => OutcomeStatus.Pending,
            },
            Reasons = v.Reasons.Select(r => r.Kind.ToString().ToLowerInvariant()).Distinct().ToList(),
        };
    }
}
