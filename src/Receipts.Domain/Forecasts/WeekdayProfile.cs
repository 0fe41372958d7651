namespace Receipts.Domain.Forecasts;

/// <summary>
/// How much of an average day's spend each weekday carries (weekends are quiet): seven weights whose
/// mean is 1. Learned from recent days and shrunk towards 1 when a weekday has few observations, so
/// one odd Saturday does not set the profile.
/// </summary>
public sealed class WeekdayProfile
{
    /// <summary>Below this many observations of a weekday, its weight is pulled towards 1 (one observation's worth).</summary>
    private const int FewObservations = 4;

    private const decimal MinWeight = 0.02m;

    private readonly decimal[] _weights;

    private WeekdayProfile(decimal[] weights)
    {
        _weights = weights;
    }

    public static WeekdayProfile Flat { get; } = new([1m, 1m, 1m, 1m, 1m, 1m, 1m]);

    /// <summary>
    /// Learns the profile from <paramref name="daily"/> spend over the days <paramref name="from"/> to
    /// <paramref name="to"/> (inclusive); a day missing from the map spent nothing.
    /// </summary>
    public static WeekdayProfile Learn(IReadOnlyDictionary<DateOnly, decimal> daily, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(daily);
        var sums = new decimal[7];
        var counts = new int[7];
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var index = (int)day.DayOfWeek;
            sums[index] += daily.GetValueOrDefault(day);
            counts[index]++;
        }

        var total = sums.Sum();
        var days = counts.Sum();
        if (total <= 0m || days == 0)
        {
            return Flat;
        }

        var mean = total / days;
        var weights = new decimal[7];
        for (var i = 0; i < 7; i++)
        {
            var observed = counts[i] == 0 ? 1m : sums[i] / counts[i] / mean;
            var prior = counts[i] < FewObservations ? 1m : 0m;
            // A weekday that never spent still might: a small floor keeps rates finite.
            weights[i] = Math.Max(((observed * counts[i]) + prior) / (counts[i] + prior), MinWeight);
        }

        var norm = weights.Sum() / 7m;
        return new WeekdayProfile([.. weights.Select(w => w / norm)]);
    }

    public decimal Weight(DayOfWeek day) => _weights[(int)day];

    public decimal Weight(DateOnly day) => _weights[(int)day.DayOfWeek];
}
