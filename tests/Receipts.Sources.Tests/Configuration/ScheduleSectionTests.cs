using Receipts.Sources.Configuration;

namespace Receipts.Sources.Tests.Configuration;

public sealed class ScheduleSectionTests
{
    private const string Channels = """
        alerts:
          channels:
            - { webhook: "http://hooks.internal/a", format: slack, name: slack }
            - { smtp: smtp.acme.com, from: receipts@acme.com, to: [cfo@acme.com], name: mail }
        """;

    [Fact]
    public void Parse_ScheduleAndWeeklyReport_ReadsThem()
    {
        var directory = DirectoryLoader.Parse(Channels + """

              schedule: "*/5 * * * *"
              live_runaway: false
              reports:
                weekly: { schedule: "0 8 * * MON", channels: [slack, mail] }
            """, "receipts.yaml");
        directory.Alerts.CheckSchedule.ShouldBe("*/5 * * * *");
        directory.Alerts.LiveRunaway.ShouldBeFalse();
        var weekly = directory.Alerts.Reports.ShouldHaveSingleItem();
        weekly.Report.ShouldBe("weekly");
        weekly.Schedule.ShouldBe("0 8 * * MON");
        weekly.Channels.ShouldBe(["slack", "mail"]);
    }

    [Fact]
    public void Parse_NoSchedule_DefaultsToEveryFifteenMinutesAndNoReports()
    {
        var directory = DirectoryLoader.Parse(Channels, "receipts.yaml");
        directory.Alerts.CheckSchedule.ShouldBe("*/15 * * * *");
        directory.Alerts.Reports.ShouldBeEmpty();
        directory.Alerts.LiveRunaway.ShouldBeTrue();
    }

    [Fact]
    public void Parse_BadCron_SaysWhereAndHow()
    {
        var e = Should.Throw<DirectoryFileException>(() => DirectoryLoader.Parse(Channels + """

              reports:
                weekly: { schedule: "every monday" }
            """, "receipts.yaml"));
        e.Message.ShouldContain("alerts.reports.weekly.schedule");
        e.Message.ShouldContain("0 8 * * MON");
    }

    [Fact]
    public void Parse_UnknownChannel_NamesTheKnownOnes()
    {
        var e = Should.Throw<DirectoryFileException>(() => DirectoryLoader.Parse(Channels + """

              reports:
                weekly: { schedule: "0 8 * * MON", channels: [teams] }
            """, "receipts.yaml"));
        e.Message.ShouldContain("unknown channel 'teams'");
        e.Message.ShouldContain("slack, mail");
    }

    [Fact]
    public void Parse_UnknownReport_IsRejected() =>
        Should.Throw<DirectoryFileException>(() => DirectoryLoader.Parse(Channels + """

              reports:
                daily: { schedule: "0 8 * * *" }
            """, "receipts.yaml")).Message.ShouldContain("alerts.reports.daily");
}
