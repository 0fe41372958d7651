using Receipts.Domain.Outcomes;
using Receipts.Sources.Http;

namespace Receipts.Sources.Tests.Http;

public sealed class RevertTextTests
{
    [Fact]
    public void Parse_GitHubRevertButton_GivesSubjectPullRequestAndBranch()
    {
        RevertText.Parse("Revert \"Add cache\"", "Reverts acme/payments#8", "revert-8-cache", "acme/payments").ShouldBe(
            [new RevertReference(RevertTargetKind.Subject, "Add cache"), new RevertReference(RevertTargetKind.PullRequest, "8")],
            ignoreOrder: true);
    }

    [Fact]
    public void Parse_RevertOfRevert_IsAReapplyOfTheInnermostSubject()
    {
        RevertText.Parse("Revert \"Revert \"Add cache\"\"", null, null, "a/b").ShouldBe([new RevertReference(RevertTargetKind.Subject, "Add cache", IsReapply: true)]);
        RevertText.Parse("Reapply \"Add cache\"", null, null, "a/b").ShouldBe([new RevertReference(RevertTargetKind.Subject, "Add cache", IsReapply: true)]);
        RevertText.Parse("Revert \"Reapply \"Add cache\"\"", null, null, "a/b").ShouldBe([new RevertReference(RevertTargetKind.Subject, "Add cache")]);
    }

    [Fact]
    public void Parse_BodyMarkers_ShaAndMergeRequest()
    {
        var found = RevertText.Parse(
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

    [Fact]
    public void Parse_RevertOfAnotherRepositorysPullRequest_IsIgnored()
    {
        RevertText.Parse("Undo", "Reverts other/repo#8", null, "acme/payments").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Revert \"")]
    [InlineData("Revert \"\"")]
    [InlineData("Revert \"Revert \"Revert \"(#3:w7539)\" (#37546)")]
    [InlineData("revert: loose subject")]
    public void Parse_OddSubjects_DoNotThrow(string title)
    {
        Should.NotThrow(() => RevertText.Parse(title, "Reverts #", "revert-", "a/b"));
    }
}
