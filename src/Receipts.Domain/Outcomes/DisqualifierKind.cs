namespace Receipts.Domain.Outcomes;

public enum DisqualifierKind
{
    /// <summary>A later change reverted it (named it, or an unresolved revert touched its files).</summary>
    Revert = 0,

    /// <summary>A later hotfix touched the same area within the hotfix horizon (72 hours by default).</summary>
    Hotfix = 1,

    /// <summary>A ticket linked to it moved from done back to open.</summary>
    Reopen = 2,
}
