using Receipts.Domain.Directory;

namespace Receipts.Domain.Tests.Directory;

public sealed class RepoNameTests
{
    [Theory]
    [InlineData("git@github.com:Acme/Payments.git", "github.com/acme/payments")]
    [InlineData("https://github.com/acme/payments", "github.com/acme/payments")]
    [InlineData("https://user:token@github.com/acme/payments.git/", "github.com/acme/payments")]
    [InlineData("ssh://git@github.com:22/acme/payments.git", "github.com/acme/payments")]
    [InlineData("github.com/acme/payments", "github.com/acme/payments")]
    [InlineData("gitlab.example.com:group/sub/proj.git", "gitlab.example.com/group/sub/proj")]
    [InlineData("/home/dev/src/payments/", "/home/dev/src/payments")]
    public void Normalize_OneSpellingPerRepository(string input, string expected)
    {
        RepoName.Normalize(input).ShouldBe(expected);
    }
}
