namespace Receipts.Domain.Anomalies;

/// <summary>Median, MAD and quantiles over decimals: statistics one outlier cannot move.</summary>
public static class RobustStats
{
    /// <summary>MAD × 1.4826 estimates the standard deviation of normal data.</summary>
    public const decimal MadScale = 1.4826m;

    public static decimal Median(IReadOnlyList<decimal> values) => Quantile(values, 0.5m);

    /// <summary>Median absolute deviation from the median.</summary>
    public static decimal Mad(IReadOnlyList<decimal> values, decimal median)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Median([.. values.Select(v => Math.Abs(v - median))]);
    }

    /// <summary>Linear-interpolated quantile (<paramref name="q"/> in 0..1); 0 for no values.</summary>
    public static decimal Quantile(IReadOnlyList<decimal> values, decimal q)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return 0m;
        }

        var sorted = values.Order().ToArray();
        var position = q * (sorted.Length - 1);
        var lower = (int)decimal.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }

    /// <summary>
    /// Kendall's tau of <paramref name="values"/> against their order: +1 always rising, 0 no trend.
    /// O(n²), for the few dozen points of a baseline.
    /// </summary>
    public static decimal KendallTau(IReadOnlyList<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        long concordant = 0, discordant = 0;
        for (var i = 0; i < values.Count; i++)
        {
            for (var j = i + 1; j < values.Count; j++)
            {
                var comparison = values[j].CompareTo(values[i]);
                if (comparison > 0)
                {
                    concordant++;
                }
                else if (comparison < 0)
                {
                    discordant++;
                }
            }
        }

        var pairs = (long)values.Count * (values.Count - 1) / 2;
        return pairs == 0 ? 0m : (decimal)(concordant - discordant) / pairs;
    }
}
