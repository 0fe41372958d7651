namespace Receipts.Domain.Storage;

/// <summary>
/// Derived facts for BI tools: the attributed spend and verified changes of one pipeline run, written as
/// plain tables under stable, documented views (docs/views.md). Replaced whole on every run; never a source of truth.
/// </summary>
public interface IDerivedStore
{
    /// <summary>Replaces every derived row (spend, changes, meta) in one transaction.</summary>
    Task ReplaceDerivedAsync(DerivedFacts facts, CancellationToken cancellationToken);

    /// <summary>The last run's metadata; null before the first run.</summary>
    Task<DerivedMeta?> ReadDerivedMetaAsync(CancellationToken cancellationToken);

    /// <summary>Reads one of the <see cref="DerivedViews.All"/> views whole: its columns with the store's type names, and its rows.</summary>
    Task<ViewContents> ReadViewAsync(string view, CancellationToken cancellationToken);
}
