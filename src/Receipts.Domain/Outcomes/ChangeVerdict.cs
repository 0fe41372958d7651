namespace Receipts.Domain.Outcomes;

/// <summary>One change's verdict at the as-of instant, with the window that was applied to it.</summary>
public sealed record ChangeVerdict
{
    public required Change Change { get; init; }

    /// <summary>The team owning the change's repo, when the directory knows it.</summary>
    public string? Team { get; init; }

    /// <summary>The window applied: the team's window in force at the merge, or the report's override.</summary>
    public required int WindowDays { get; init; }

    public DateTimeOffset WindowEndsAt => Change.MergedAt.AddDays(WindowDays);

    public required ChangeStatus Status { get; init; }

    /// <summary>The disqualifiers that counted, earliest first; empty unless disqualified.</summary>
    public IReadOnlyList<Disqualifier> Reasons { get; init; } = [];
}
