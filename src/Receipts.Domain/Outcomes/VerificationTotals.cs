namespace Receipts.Domain.Outcomes;

/// <summary>
/// Counts over a set of verdicts. <see cref="Attempted"/> = verified + disqualified: the changes whose
/// verdict is final (window elapsed, or disqualified earlier). Pending changes are never counted.
/// </summary>
public sealed record VerificationTotals(int Attempted, int Verified, int Disqualified, int Pending, int Reverted, int Hotfixed, int Reopened)
{
    /// <summary>Verified / attempted, rounded to 4 places; null when nothing was attempted.</summary>
    public decimal? VerifiedShare => Attempted == 0 ? null : Math.Round((decimal)Verified / Attempted, 4, MidpointRounding.AwayFromZero);

    public static VerificationTotals Of(IEnumerable<ChangeVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        int verified = 0, disqualified = 0, pending = 0, reverted = 0, hotfixed = 0, reopened = 0;
        foreach (var v in verdicts)
        {
            switch (v.Status)
            {
                case ChangeStatus.Verified: verified++; break;
                case ChangeStatus.Pending: pending++; break;
                default:
                    disqualified++;
                    reverted += v.Reasons.Any(r => r.Kind == DisqualifierKind.Revert) ? 1 : 0;
                    hotfixed += v.Reasons.Any(r => r.Kind == DisqualifierKind.Hotfix) ? 1 : 0;
                    reopened += v.Reasons.Any(r => r.Kind == DisqualifierKind.Reopen) ? 1 : 0;
                    break;
            }
        }

        return new VerificationTotals(verified + disqualified, verified, disqualified, pending, reverted, hotfixed, reopened);
    }
}
