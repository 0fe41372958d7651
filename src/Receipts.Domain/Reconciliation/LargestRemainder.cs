namespace Receipts.Domain.Reconciliation;

/// <summary>
/// Splits an amount of whole cents over weights so that the parts sum to the amount exactly:
/// each part gets the floor of its share, and the cents left over go one each to the largest
/// remainders (ties to the earlier weight, so the split is deterministic).
/// </summary>
public static class LargestRemainder
{
    /// <summary>
    /// Allocates <paramref name="totalCents"/> (may be negative, for credits) in proportion to
    /// <paramref name="weights"/>. Weights must be non-negative with a positive sum.
    /// </summary>
    public static long[] Allocate(long totalCents, IReadOnlyList<decimal> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
        {
            throw new ArgumentException("At least one weight is needed.", nameof(weights));
        }

        decimal sum = 0;
        foreach (var w in weights)
        {
            if (w < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(weights), "Weights cannot be negative.");
            }

            sum += w;
        }

        if (sum <= 0)
        {
            throw new ArgumentException("The weights must sum to more than zero.", nameof(weights));
        }

        var sign = totalCents < 0 ? -1 : 1;
        var magnitude = Math.Abs(totalCents);
        var parts = new long[weights.Count];
        var remainders = new decimal[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            // Multiply before dividing: decimal keeps 28 digits, so the floors never overshoot.
            var exact = magnitude * weights[i] / sum;
            var floor = decimal.Floor(exact);
            parts[i] = (long)floor;
            remainders[i] = exact - floor;
            given += parts[i];
        }

        var left = magnitude - given;
        if (left < 0 || left > weights.Count)
        {
            throw new InvalidOperationException($"Allocation left {left} cents over {weights.Count} parts; the arithmetic is broken.");
        }

        if (left > 0)
        {
            var order = Enumerable.Range(0, weights.Count)
                .OrderByDescending(i => remainders[i])
                .ThenBy(i => i)
                .Take((int)left);
            foreach (var i in order)
            {
                parts[i]++;
            }
        }

        if (sign < 0)
        {
            for (var i = 0; i < parts.Length; i++)
            {
                parts[i] = -parts[i];
            }
        }

        return parts;
    }
}
