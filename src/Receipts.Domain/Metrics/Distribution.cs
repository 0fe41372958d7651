namespace Receipts.Domain.Metrics;

/// <summary>Median, 90th percentile and maximum of a set of amounts: the shape, never only the mean.</summary>
public sealed record Distribution(decimal? Median, decimal? P90, decimal? Max, int Count)
{
    public static Distribution Empty { get; } = new(null, null, null, 0);

    /// <summary>Percentiles by linear interpolation between closest ranks (the spreadsheet PERCENTILE.INC rule).</summary>
    public static Distribution Of(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }

        return new Distribution(Percentile(sorted, 0.5m), Percentile(sorted, 0.9m), sorted[^1], sorted.Length);
    }

    public static decimal Percentile(IReadOnlyList<decimal> sorted, decimal p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var rank = p * (sorted.Count - 1);
        var low = (int)decimal.Floor(rank);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
