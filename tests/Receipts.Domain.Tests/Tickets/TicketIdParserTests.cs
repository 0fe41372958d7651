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
}
