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
        var facts = await ReadAsync(store, cancellationToken);
        return Verify(facts, directory, asOf, windowOverride);
    }

    /// <summary>The facts verification reads, read once so the caller can use the changes before verifying.</summary>
    internal static async Task<OutcomeFacts> ReadAsync(IOutcomeStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var changes = await store.ReadChangesAsync(ChangeFilter.All, cancellationToken);
        var events = await store.ReadTicketEventsAsync(cancellationToken);
        var history = await store.ReadTeamWindowChangesAsync(cancellationToken);
        return new OutcomeFacts(changes, events, history);
    }

    /// <summary>Pure: verifies the facts as of an instant (safe to run beside a store read).</summary>
    internal static IReadOnlyList<ChangeOutcome> Verify(OutcomeFacts facts, DirectoryView directory, DateTimeOffset asOf, int? windowOverride)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(directory);
        var verifier = new OutcomeVerifier(new WindowPolicy(directory.Config, facts.History, windowOverride), directory.Config.Outcomes);
        var result = verifier.Verify(facts.Changes.Where(c => c.MergedAt <= asOf), facts.Events, asOf);
        // Projects by repo once per repo, not once per change (the directory scans every project each time).
        var projects = new Dictionary<string, string?>(StringComparer.Ordinal);
        return result.Verdicts.Select(v => ToOutcome(v, directory, projects)).ToList();
    }

    private static ChangeOutcome ToOutcome(ChangeVerdict v, DirectoryView directory, Dictionary<string, string?> projects)
    {
        if (!projects.TryGetValue(v.Change.Repo, out var project))
        {
            project = directory.Config.ProjectForRepo(v.Change.Repo)?.Name;
            projects[v.Change.Repo] = project;
        }

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
