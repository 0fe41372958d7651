namespace Receipts.Domain.Outcomes;

/// <summary>Why a change is disqualified.</summary>
/// <param name="Kind">Revert, hotfix or reopen.</param>
/// <param name="By">The reverting or hotfix change's id, or the reopened ticket id.</param>
/// <param name="At">When the disqualifier happened, UTC.</param>
/// <param name="Evidence">How it was matched: <c>sha</c>, <c>pull-request</c>, <c>merge-request</c>, <c>subject</c>, <c>files</c> (revert), <c>files</c> / <c>directory</c> (hotfix), <c>ticket</c> (reopen).</param>
public sealed record Disqualifier(DisqualifierKind Kind, string By, DateTimeOffset At, string Evidence);
