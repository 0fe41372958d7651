namespace Receipts.Domain.Outcomes;

/// <summary>What a revert names as its target, in the forms git and the hosts write.</summary>
/// <param name="Kind">How the target is named.</param>
/// <param name="Value">A full or abbreviated sha, a PR/MR number, or the reverted subject.</param>
/// <param name="IsReapply">True for <c>Reapply "…"</c> / a revert of a revert: it cancels an earlier revert.</param>
public sealed record RevertReference(RevertTargetKind Kind, string Value, bool IsReapply = false);
