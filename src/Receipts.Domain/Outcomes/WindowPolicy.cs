using Receipts.Domain.Directory;

namespace Receipts.Domain.Outcomes;

/// <summary>
/// Which observation window applies to a change: the window of its repo's team that was in force at
/// the change's merge. A recorded <see cref="TeamWindowChange"/> wins over <c>receipts.yaml</c> from its
/// instant on; before a team's first recorded change, the <see cref="TeamWindowChange.OldDays"/> it
/// recorded is what was in force (the yaml may have been edited since); a team with no recorded change
/// uses the yaml's value, else the default. An override (<c>--window N</c>) replaces all of that.
/// </summary>
public sealed class WindowPolicy
{
    private readonly DirectoryConfig _directory;
    private readonly Dictionary<string, TeamWindowChange[]> _history;

    public WindowPolicy(DirectoryConfig directory, IEnumerable<TeamWindowChange> history, int? overrideDays = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(history);
        if (overrideDays is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(overrideDays), overrideDays, "A window is zero or more days.");
        }

        _directory = directory;
        OverrideDays = overrideDays;
        _history = history
            .GroupBy(h => h.Team, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(h => h.At).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The window every change gets when set (exploring with <c>--window</c>).</summary>
    public int? OverrideDays { get; }

    public string? TeamOf(Change change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return _directory.TeamForRepo(change.Repo);
    }

    /// <summary>The window in force for <paramref name="team"/> at <paramref name="at"/>.</summary>
    public int DaysFor(string? team, DateTimeOffset at)
    {
        if (OverrideDays is { } fixedDays)
        {
            return fixedDays;
        }

        if (team is null)
        {
            return _directory.Outcomes.DefaultWindowDays;
        }

        if (_history.TryGetValue(team, out var changes) && changes.Length > 0)
        {
            var inForce = changes.LastOrDefault(c => c.At <= at);
            return inForce?.NewDays ?? changes[0].OldDays;
        }

        return ConfiguredDays(team);
    }

    /// <summary>The window the yaml gives a team (or the default), ignoring recorded changes.</summary>
    public int ConfiguredDays(string team) =>
        _directory.Teams.TryGetValue(team, out var config) && config.WindowDays is { } days
            ? days
            : _directory.Outcomes.DefaultWindowDays;

    /// <summary>The window in force for <paramref name="team"/> now (the latest recorded value, else the yaml's).</summary>
    public int CurrentDays(string team) =>
        _history.TryGetValue(team, out var changes) && changes.Length > 0 ? changes[^1].NewDays : ConfiguredDays(team);
}
