namespace Receipts.Domain.Storage;

/// <summary>The reporting views both stores define over the derived tables; their columns are a contract (docs/views.md).</summary>
public static class DerivedViews
{
    public const string SpendWeekly = "receipts_spend_weekly";

    public const string Changes = "receipts_changes";

    public const string CpvoWeekly = "receipts_cpvo_weekly";

    public static IReadOnlyList<string> All { get; } = [SpendWeekly, Changes, CpvoWeekly];

    /// <summary>Throws when <paramref name="view"/> is not one of <see cref="All"/> (view names are spliced into SQL).</summary>
    public static void EnsureKnown(string view)
    {
        if (!All.Contains(view, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{view}' is not a Receipts view ({string.Join(", ", All)}).", nameof(view));
        }
    }
}
