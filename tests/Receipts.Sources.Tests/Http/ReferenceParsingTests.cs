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
