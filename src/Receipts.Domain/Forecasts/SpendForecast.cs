namespace Receipts.Domain.Forecasts;

/// <summary>
/// Where a period's spend is heading: what is spent so far, the expected total at the period's end and an
/// 80% range around it (<see cref="Low"/> is never below <see cref="Spent"/>).
/// </summary>
/// <param name="Spent">Dollars spent from the period's start up to the as-of instant.</param>
/// <param name="Expected">Expected total at the end of the period.</param>
/// <param name="Low">Lower end of the 80% range.</param>
/// <param name="High">Upper end of the 80% range.</param>
/// <param name="DaysElapsed">Complete local days of the period before the as-of day.</param>
/// <param name="DaysInPeriod">Local days in the period.</param>
/// <param name="RunRate">Expected dollars on an average day (weekday profile weight 1).</param>
public sealed record SpendForecast(
    decimal Spent,
    decimal Expected,
    decimal Low,
    decimal High,
    int DaysElapsed,
    int DaysInPeriod,
    decimal RunRate)
{
    /// <summary>True once the period is over: the forecast is the actual total.</summary>
    public bool IsFinal => DaysElapsed >= DaysInPeriod;
}
