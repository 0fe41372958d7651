using Receipts.Sources.Configuration;

namespace Receipts.Sources.Tests.Configuration;

public sealed class DirectoryLoaderTests
{
    [Fact]
    public void Parse_TeamsProjectsAndRules()
    {
        var directory = DirectoryLoader.Parse(
            """
            outcomes:
              window_days: 10
              hotfix_pattern: "hotfix|urgent"
              area_depth: 2
            teams:
              payments: { window_days: 21 }
              growth:
            projects:
              payments-api:
                team: payments
                repos: [git@github.com:acme/payments.git, github.com/acme/ledger]
            """,
            "receipts.yaml");

        directory.Teams["payments"].WindowDays.ShouldBe(21);
        directory.Teams["growth"].WindowDays.ShouldBeNull();
        directory.Outcomes.DefaultWindowDays.ShouldBe(10);
        directory.Outcomes.HotfixPattern.ShouldBe("hotfix|urgent");
        directory.Outcomes.AreaDepth.ShouldBe(2);
        directory.Outcomes.HotfixHours.ShouldBe(72);
        directory.Projects["payments-api"].Repos.ShouldBe(["github.com/acme/payments", "github.com/acme/ledger"]);
        directory.TeamForRepo("https://github.com/acme/ledger.git").ShouldBe("payments");
    }

    [Fact]
    public void Parse_ProjectWithUnknownTeam_NamesLineAndField()
    {
        var e = Should.Throw<DirectoryFileException>(() => DirectoryLoader.Parse(
            """
            teams:
              payments: { window_days: 14 }
            projects:
              growth-web: { team: growth, repos: [github.com/acme/web] }
            """,
            "/etc/receipts.yaml"));

        e.Message.ShouldBe("/etc/receipts.yaml:4: projects.growth-web.team: unknown team 'growth' (known teams: payments)");
    }

    [Theory]
    [InlineData("teams:\n  payments: { window_days: two }\n", 2, "teams.payments.window_days")]
    [InlineData("teams:\n  payments: { window_days: -1 }\n", 2, "teams.payments.window_days")]
    [InlineData("teams:\n  payments:\n    windw_days: 3\n", 3, "teams.payments.windw_days")]
    [InlineData("temas:\n  payments: {}\n", 1, "temas")]
    [InlineData("teams: [a, b]\n", 1, "teams")]
    [InlineData("teams:\n  payments: { window_days: 14\n", 3, "(syntax)")]
    [InlineData("outcomes:\n  hotfix_pattern: \"(\"\n", 2, "outcomes.hotfix_pattern")]
    public void Parse_WrongFile_OneErrorNamingLineAndField(string yaml, int line, string field)
    {
        var e = Should.Throw<DirectoryFileException>(() => DirectoryLoader.Parse(yaml, "receipts.yaml"));
        e.Line.ShouldBe(line);
        e.Field.ShouldBe(field);
    }

    [Fact]
    public void Parse_EmptyFile_IsAnEmptyDirectory()
    {
        DirectoryLoader.Parse(string.Empty, "receipts.yaml").Teams.ShouldBeEmpty();
    }
}
