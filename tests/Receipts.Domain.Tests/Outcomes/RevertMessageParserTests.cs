using Receipts.Domain.Outcomes;

namespace Receipts.Domain.Tests.Outcomes;

public sealed class RevertMessageParserTests
{
    private const string Sha = "3a2f0b32fdc36c92d392f10a987575b76b592826";

    [Fact]
    public void Parse_GitRevert_ReadsShaAndSubject()
    {
        RevertMessageParser.Parse("Revert \"Add refunds (#5)\"", $"\nThis reverts commit {Sha}.\n").ShouldBe(
        [
            new RevertReference(RevertTargetKind.Sha, Sha),
            new RevertReference(RevertTargetKind.PullRequest, "5"),
            new RevertReference(RevertTargetKind.Subject, "Add refunds (#5)"),
        ]);
    }

    [Fact]
    public void Parse_MergeRevert_ReadsTheMergeNotTheParent()
    {
        var refs = RevertMessageParser.Parse("Revert \"Merge pull request #7 from acme/x\"", $"This reverts commit {Sha}, reversing\nchanges made to 1111111111111111111111111111111111111111.");
        refs.Where(r => r.Kind == RevertTargetKind.Sha).ShouldHaveSingleItem().Value.ShouldBe(Sha);
        refs.ShouldContain(new RevertReference(RevertTargetKind.PullRequest, "7"));
    }

    [Fact]
    public void Parse_ReferenceFormat_ReadsAbbreviatedSha()
    {
        RevertMessageParser.Parse("Back out refunds", "This reverts commit 3a2f0b32 (Add refunds, 2026-09-02).")
            .ShouldBe([new RevertReference(RevertTargetKind.Sha, "3a2f0b32")]);
    }

    [Fact]
    public void Parse_ReapplyAndDoubleRevert_TargetTheRevert()
    {
        RevertMessageParser.Parse("Reapply \"Add refunds\"", null)
            .ShouldBe([new RevertReference(RevertTargetKind.Subject, "Revert \"Add refunds\"", IsReapply: true)]);
        RevertMessageParser.Parse("Revert \"Revert \"Add refunds\"\"", $"This reverts commit {Sha}.")
            .ShouldBe([new RevertReference(RevertTargetKind.Sha, Sha, IsReapply: true), new RevertReference(RevertTargetKind.Subject, "Revert \"Add refunds\"", IsReapply: true)]);
    }

    [Fact]
    public void Parse_HostFormats()
    {
        RevertMessageParser.Parse("Revert \"Feature y\" (#9)", "Reverts acme/payments#8").ShouldBe(
        [
            new RevertReference(RevertTargetKind.PullRequest, "8"),
            new RevertReference(RevertTargetKind.Subject, "Feature y"),
        ]);
        RevertMessageParser.Parse("Revert \"Merge branch 'x' into 'main'\"", "This reverts merge request !57")
            .ShouldContain(new RevertReference(RevertTargetKind.MergeRequest, "57"));
        RevertMessageParser.Parse("Merge pull request #36035 from dotnet/revert-36034-binSkim", null)
            .ShouldBe([new RevertReference(RevertTargetKind.PullRequest, "36034")]);
    }

    [Fact]
    public void Parse_SeveralShas_ReadsEach()
    {
        RevertMessageParser.Parse("Revert two", $"This reverts commit {Sha}.\nThis reverts commit abcdef1234.")
            .Select(r => r.Value).ShouldBe([Sha, "abcdef1234"]);
    }

    [Theory]
    [InlineData("Revert \"Revert \"chore: update xterm dependency (#37412)\" (#3:w7539)\" (#37546)")]
    [InlineData("Revert \"")]
    [InlineData("Revert \"\"")]
    [InlineData("Reapply \"")]
    [InlineData("")]
    public void Parse_OddSubjects_NeverThrow(string subject)
    {
        Should.NotThrow(() => RevertMessageParser.Parse(subject, "This reverts commit xyz."));
    }

    [Theory]
    [InlineData("Revert globToRegex removal (#37089)", true)]
    [InlineData("revert(#35684): select options can be invisible (#35687)", true)]
    [InlineData("revert: drop cache", true)]
    [InlineData("Reverting is hard: docs", false)]
    [InlineData("Add revert button", false)]
    public void IsRevertSubject_ReadsFreeFormReverts(string subject, bool expected)
    {
        RevertMessageParser.IsRevertSubject(subject).ShouldBe(expected);
    }
}
