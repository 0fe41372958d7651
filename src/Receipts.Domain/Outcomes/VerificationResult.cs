namespace Receipts.Domain.Outcomes;

/// <summary>The verdict of every change given to <see cref="OutcomeVerifier"/>, in merge order, and their totals.</summary>
public sealed record VerificationResult(IReadOnlyList<ChangeVerdict> Verdicts, VerificationTotals Totals);
