using Receipts.Sources.Context;

namespace Receipts.Sources.Tests.Context;

public sealed class RepoUrlTests
{
    [Theory]
    [InlineData("https://github.com/acme/payments.git", "github.com/acme/payments")]
    [InlineData("https://github.com/Acme/Payments", "github.com/acme/payments")]
    [InlineData("https://x-access-token:ghp_secret@github.com/acme/payments.git", "github.com/acme/payments")]
    [InlineData("git@github.com:acme/payments.git", "github.com/acme/payments")]
    [InlineData("ssh://git@github.com:22/acme/payments.git", "github.com/acme/payments")]
    [InlineData("ssh://git@gitlab.example.com/group/sub/payments.git/", "gitlab.example.com/group/sub/payments")]
    [InlineData("/srv/git/payments.git", "/srv/git/payments")]
    public void Normalize_AnyRemoteForm_GivesHostOwnerName(string url, string expected)
    {
        RepoUrl.Normalize(url).ShouldBe(expected);
    }

    [Fact]
    public void Normalize_NeverKeepsCredentials()
    {
        RepoUrl.Normalize("https://user:hunter2@example.com/a/b.git")!.ShouldNotContain("hunter2");
    }
}
