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

    // The hosted importers' reading (title, body, head branch, repository): the same parser.
    [Fact]
    public void Parse_GitHubRevertButton_GivesSubjectPullRequestAndBranch()
    {
        RevertMessageParser.Parse("Revert \"Add cache\"", "Reverts acme/payments#8", "revert-8-cache", "acme/payments").ShouldBe(
            [new RevertReference(RevertTargetKind.PullRequest, "8"), new RevertReference(RevertTargetKind.Subject, "Add cache")],
            ignoreOrder: true);
    }

    [Fact]
    public void Parse_HeadBranchAlone_NamesTheRevertedPullRequest()
    {
        RevertMessageParser.Parse("Undo the cache", null, "revert-12-cache", "acme/payments")
            .ShouldBe([new RevertReference(RevertTargetKind.PullRequest, "12")]);
        RevertMessageParser.Parse("Add cache", null, "feat/cache", "acme/payments").ShouldBeEmpty();
    }

    [Fact]
    public void Parse_RevertOfAnotherRepositorysPullRequest_IsIgnoredWhenTheRepositoryIsKnown()
    {
        RevertMessageParser.Parse("Undo", "Reverts other/repo#8", null, "acme/payments").ShouldBeEmpty();
        RevertMessageParser.Parse("Undo", "Reverts acme/payments#8", null, "github.com/acme/payments")
            .ShouldBe([new RevertReference(RevertTargetKind.PullRequest, "8")]);
        RevertMessageParser.Parse("Undo", "Reverts other/repo#8", null, null)
            .ShouldBe([new RevertReference(RevertTargetKind.PullRequest, "8")]);
    }

    [Fact]
    public void Parse_HostedBodyMarkers_ShaAndMergeRequest()
    {
        var found = RevertMessageParser.Parse(
            "Undo the cache",
            "This reverts commit 0123ABCdef0123abcdef0123abcdef0123abcdef.\n\nThis reverts commit 89abcde (Add cache, 2026-11-01).\nThis reverts merge request !57",
            null,
            "a/b");

        found.ShouldBe(
            [
                new RevertReference(RevertTargetKind.Sha, "0123abcdef0123abcdef0123abcdef0123abcdef"),
                new RevertReference(RevertTargetKind.Sha, "89abcde"),
                new RevertReference(RevertTargetKind.MergeRequest, "57"),
            ],
            ignoreOrder: true);
    }

    [Theory]
    [InlineData("Revert \"")]
    [InlineData("Revert \"\"")]
    [InlineData("Revert \"Revert \"Revert \"(#3:w7539)\" (#37546)")]
    [InlineData("revert: loose subject")]
    public void Parse_OddHostedTitles_DoNotThrow(string title)
    {
        Should.NotThrow(() => RevertMessageParser.Parse(title, "Reverts #", "revert-", "a/b"));
    }
}
