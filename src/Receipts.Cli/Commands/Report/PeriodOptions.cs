using System.CommandLine;
using System.Globalization;
using Receipts.Domain.Reports;

namespace Receipts.Cli.Commands.Report;

/// <summary>
/// <c>--since</c>, <c>--until</c> (inclusive calendar dates, <c>YYYY-MM-DD</c> or <c>YYYYMMDD</c>) and
/// <c>--tz</c> (an IANA zone; default the machine's), shared by the reports. Dates are read in the zone.
/// </summary>
internal sealed class PeriodOptions
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyyMMdd"];

    private readonly Option<string?> _since = new("--since") { Description = "First day to include, YYYY-MM-DD or YYYYMMDD (in --tz)" };
    private readonly Option<string?> _until = new("--until") { Description = "Last day to include, YYYY-MM-DD or YYYYMMDD (in --tz)" };
    private readonly Option<string?> _zone = new("--tz") { Description = "IANA time zone for days, weeks and months, e.g. Europe/Berlin (default: this machine's zone)" };

    public static PeriodOptions AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var options = new PeriodOptions();
        command.Options.Add(options._since);
        command.Options.Add(options._until);
        command.Options.Add(options._zone);
        return options;
    }

    public ReportPeriodChoice Resolve(ParseResult parseResult, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(environment);
        var zone = ResolveZone(parseResult.GetValue(_zone), environment);
        var since = ParseDate("--since", parseResult.GetValue(_since));
        var until = ParseDate("--until", parseResult.GetValue(_until));
        if (since is { } s && until is { } u && s > u)
        {
            throw new UserException($"--since {s:yyyy-MM-dd} is after --until {u:yyyy-MM-dd}.", "Swap the two dates.");
        }

        var (sinceUtc, untilUtc) = ReportPeriod.ToUtcRange(since, until, zone);
        return new ReportPeriodChoice(zone, since, until, sinceUtc, untilUtc);
    }

    internal static TimeZoneInfo ResolveZone(string? name, CliEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return environment.LocalZone;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name.Trim());
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new UserException($"Unknown time zone \"{name}\".", "Use an IANA zone name such as UTC, Europe/Berlin or America/New_York.", e);
        }
    }

    internal static DateOnly? ParseDate(string option, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        throw new UserException($"{option} \"{value}\" is not a date.", "Write dates as YYYY-MM-DD or YYYYMMDD, e.g. 2026-11-01.");
    }
}
