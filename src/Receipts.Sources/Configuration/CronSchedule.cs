using Cronos;

namespace Receipts.Sources.Configuration;

/// <summary>
/// Cron expressions of <c>receipts.yaml</c>, parsed by Cronos: five fields (minute hour day-of-month month
/// day-of-week), names such as <c>MON</c> allowed, read in the directory's time zone.
/// </summary>
public static class CronSchedule
{
    public static CronExpression Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return CronExpression.Parse(expression.Trim(), CronFormat.Standard);
    }

    internal static void Check(YamlMap map, string key, string expression)
    {
        try
        {
            _ = Parse(expression);
        }
        catch (CronFormatException e)
        {
            throw map.Error(map.LineOf(key), map.Dotted(key), $"'{expression}' is not a cron expression ({e.Message}); write five fields such as \"0 8 * * MON\"");
        }
    }
}
