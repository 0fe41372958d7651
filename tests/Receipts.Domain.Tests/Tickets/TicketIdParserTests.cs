using Receipts.Domain.Tickets;

namespace Receipts.Domain.Tests.Tickets;

public sealed class TicketIdParserTests
{
    [Theory]
    [InlineData("feat/PAY-123-refunds", new[] { "PAY-123" })]
    [InlineData("fix/#42-null-check", new[] { "#42" })]
    [InlineData("PAY-1_and_OPS-22", new[] { "PAY-1", "OPS-22" })]
    [InlineData("feature/pay-123", new string[0])]
    [InlineData("main", new string[0])]
    [InlineData("release/2025-10", new string[0])]
    [InlineData("PAY-7/PAY-7-again", new[] { "PAY-7" })]
    public void Parse_DefaultPatterns(string branch, string[] expected)
    {
        TicketIdParser.Default.Parse(branch).ShouldBe(expected);
    }

    [Fact]
    public void Parse_NullOrEmpty_GivesNothing()
    {
        TicketIdParser.Default.Parse(null).ShouldBeEmpty();
        TicketIdParser.Default.Parse(string.Empty).ShouldBeEmpty();
    }

    [Fact]
    public void Parse_ConfiguredPatternWithIdGroup_YieldsTheGroup()
    {
        var parser = new TicketIdParser([@"(?i)sc-(?<id>[0-9]+)"]);

        parser.Parse("feature/sc-991-export").ShouldBe(["991"]);
    }

    [Fact]
    public void New_InvalidPattern_ThrowsNamingIt()
    {
        var e = Should.Throw<ArgumentException>(() => new TicketIdParser(["(unclosed"]));

        e.Message.ShouldContain("(unclosed");
    }

    [Fact]
    public void Keys_InTitles_UpperCaseOnly_NotStandardsOrPullRequestNumbers()
    {
        TicketIdParser.Keys.Parse("feat/PAY-123-refunds").ShouldBe(["PAY-123"]);
        TicketIdParser.Keys.Parse("PAY-7 and OPS-12: UTF-8 and SHA-256 fixes (#31)").ShouldBe(["PAY-7", "OPS-12"]);
        TicketIdParser.Keys.Parse("lowercase pay-1").ShouldBeEmpty();
        TicketIdParser.Keys.Parse("no dash here").ShouldBeEmpty();
        TicketIdParser.Keys.Parse(null).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("sarah/eng-12-fix-login", new[] { "ENG-12" })]
    [InlineData("feat/Pay-123-refunds", new[] { "PAY-123" })]
    [InlineData("fix/utf-8-names", new string[0])]
    [InlineData("revert-8-cache", new string[0])]
    [InlineData("Revert-8-cache", new string[0])]
    [InlineData("release-2", new string[0])]
    [InlineData("feature/step-3-of-ops-44", new[] { "OPS-44" })]
    public void BranchKeys_AnyCaseUpperCased_BranchWordsExcluded(string branch, string[] expected)
    {
        TicketIdParser.BranchKeys.Parse(branch).ShouldBe(expected);
    }

    [Fact]
    public void InChange_TitleKeysThenBranchKeys_Distinct()
    {
        TicketIdParser.InChange("PAY-9: refunds (#12)", "feat/pay-9-and-ops-3").ShouldBe(["PAY-9", "OPS-3"]);
        TicketIdParser.InChange("Refunds", null).ShouldBeEmpty();
        TicketIdParser.InChange("Revert \"Add cache\"", "revert-8-cache").ShouldBeEmpty();
    }

    [Fact]
    public void New_AnyCaseWithExclusions_AppliesToConfiguredPatterns()
    {
        var parser = new TicketIdParser([@"(?i)(?<id>sc-[0-9]+)"], anyCase: true, new HashSet<string>(StringComparer.Ordinal) { "SC" });

        parser.Parse("feature/sc-991-export").ShouldBeEmpty();
        new TicketIdParser([@"(?i)(?<id>sc-[0-9]+)"], anyCase: true).Parse("feature/sc-991-export").ShouldBe(["SC-991"]);
    }
}
