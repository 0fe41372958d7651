using Receipts.Domain.Pipeline;

namespace Receipts.Cli.Commands.Report;

/// <summary>The reporting zone: <c>--tz</c>, else <c>timezone:</c> in receipts.yaml, else the machine's zone.</summary>
internal static class ReportZone
{
    public static TimeZoneInfo Resolve(string? option, DirectoryView directory, CliEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(option))
        {
            return directory.Zone ?? environment.LocalZone;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(option.Trim(), out var zone)
            ? zone
            : throw new UserException($"Unknown time zone '{option}'.", "Use an IANA name such as Europe/London, America/New_York or UTC.");
    }
}
