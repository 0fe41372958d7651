namespace Receipts.Domain.Outcomes;

/// <summary>
/// A recorded change of a team's observation window: from <see cref="At"/> on, the team's window is
/// <see cref="NewDays"/> (it wins over <c>receipts.yaml</c>). Never rewritten.
/// </summary>
/// <param name="Team">The team's key in the directory.</param>
/// <param name="OldDays">The window in force just before the change.</param>
/// <param name="NewDays">The window from <paramref name="At"/> on.</param>
/// <param name="By">Who made it (the machine user by default).</param>
/// <param name="At">When, UTC.</param>
/// <param name="Reason">Why; required.</param>
public sealed record TeamWindowChange(string Team, int OldDays, int NewDays, string By, DateTimeOffset At, string Reason);
