using Receipts.Domain.Alerts;

namespace Receipts.Sources.Configuration;

/// <summary>
/// <c>alerts: reports:</c> of <c>receipts.yaml</c>: which reports <c>receipts serve</c> sends, when, and where.
/// <code>
/// alerts:
///   reports:
///     weekly: { schedule: "0 8 * * MON", channels: [slack, finops] }
/// </code>
/// </summary>
internal static class ScheduleSection
{
    private static readonly string[] Known = ["weekly"];

    public static IReadOnlyList<ReportSchedule> ReadReports(YamlMap? map, IReadOnlyList<string> channelNames)
    {
        if (map is null)
        {
            return [];
        }

        var reports = new List<ReportSchedule>();
        foreach (var report in Known)
        {
            if (map.Map(report) is not { } entry)
            {
                continue;
            }

            var schedule = entry.String("schedule") ?? throw entry.Error(entry.Line, entry.Dotted("schedule"), "missing: a cron expression such as \"0 8 * * MON\"");
            CronSchedule.Check(entry, "schedule", schedule);
            var channels = entry.StringList("channels");
            foreach (var name in channels.Where(n => !channelNames.Contains(n, StringComparer.Ordinal)))
            {
                throw entry.Error(entry.LineOf("channels"), entry.Dotted("channels"),
                    channelNames.Count == 0
                        ? $"unknown channel '{name}': define channels under alerts: channels: first"
                        : $"unknown channel '{name}': known channels are {string.Join(", ", channelNames)} (give a channel a name: with name:)");
            }

            entry.RejectUnknown();
            reports.Add(new ReportSchedule { Report = report, Schedule = schedule, Channels = channels });
        }

        map.RejectUnknown(Known);
        return reports;
    }
}
