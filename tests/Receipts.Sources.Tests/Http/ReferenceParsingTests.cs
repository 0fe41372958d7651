using Receipts.Sources.Http;

namespace Receipts.Sources.Tests.Http;

public sealed class ReferenceParsingTests
{
    [Fact]
    public void ClosingReferences_KeywordsInEveryForm_NameIssuesAsOwnerRepoNumber()
    {
        var body = "Closes #1. fixed #2, Resolves: Acme/Billing#3\nfix https://github.com/acme/web/issues/4 and see #5";

        ClosingReferences.In(body, "Acme/Payments").ShouldBe(["acme/payments#1", "acme/payments#2", "acme/billing#3", "acme/web#4"]);
    }

    [Fact]
    public void ClosingReferences_GitLabIssueUrl_WithDashSegment()
    {
        ClosingReferences.In("Closes https://gitlab.com/acme/platform/payments/-/issues/12", "x/y").ShouldBe(["acme/platform/payments#12"]);
    }

    [Fact]
    public void TicketKeys_FindsKeysInBranchesAndTitles_NotEncodingNames()
    {
        TicketKeys.In("feat/PAY-123-refunds").ShouldBe(["PAY-123"]);
        TicketKeys.InBranch("sarah/eng-12-fix-login").ShouldBe(["ENG-12"]);
        TicketKeys.InBranch("fix/utf-8-names").ShouldBeEmpty();
        TicketKeys.InBranch("revert-8-cache").ShouldBeEmpty();
        TicketKeys.InBranch("release-2").ShouldBeEmpty();
        TicketKeys.In("PAY-7 and OPS-12: UTF-8 and SHA-256 fixes").ShouldBe(["PAY-7", "OPS-12"]);
        TicketKeys.In("lowercase pay-1").ShouldBeEmpty();
        TicketKeys.In(null).ShouldBeEmpty();
    }

    [Fact]
    public void LinkHeader_FindsNextAmongOtherRelations()
    {
        var page = new Uri("https://api.github.com/repos/a/b/pulls?page=2");
        LinkHeader.Next(["<https://api.github.com/repos/a/b/pulls?page=1>; rel=\"prev\", <https://api.github.com/repos/a/b/pulls?page=3>; rel=\"next\", <https://api.github.com/repos/a/b/pulls?page=9>; rel=\"last\""], page)
            .ShouldBe(new Uri("https://api.github.com/repos/a/b/pulls?page=3"));
        LinkHeader.Next(["<https://api.github.com/repos/a/b/pulls?page=1>; rel=\"first\""], page).ShouldBeNull();
    }

    [Fact]
    public void Paging_XNextPage_SetsThePageParameter()
    {
        var page = new ApiPage(new Uri("https://gitlab.com/api/v4/projects/1/issues?per_page=100&page=1"), false, default, null, null, "2");

        Paging.Next(page)!.Query.ShouldBe("?per_page=100&page=2");
    }
}
