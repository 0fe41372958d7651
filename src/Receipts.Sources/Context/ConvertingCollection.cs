using System.Collections;

namespace Receipts.Sources.Context;

/// <summary>
/// A read-only view that converts each item as it is enumerated: a store write can take every record of an
/// import in one transaction without the import ever holding them all as records at once.
/// </summary>
internal sealed class ConvertingCollection<TIn, TOut>(IReadOnlyList<TIn> items, int start, int count, Func<TIn, TOut> convert)
    : IReadOnlyCollection<TOut>
{
    public int Count => count;

    public IEnumerator<TOut> GetEnumerator()
    {
        for (var i = start; i < start + count; i++)
        {
            yield return convert(items[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
