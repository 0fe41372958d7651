using Receipts.Sources.GitHub;

namespace Receipts.Sources.Tests.GitHub;

public sealed class GitHubApiTests
{
    [Theory]
    [InlineData("https://api.github.com/", "https://api.github.com/graphql", "github.com")]
    [InlineData("https://github.acme.com/api/v3", "https://github.acme.com/api/graphql", "github.acme.com")]
    [InlineData("https://github.acme.com/api/v3/", "https://github.acme.com/api/graphql", "github.acme.com")]
    public void Urls_ForGitHubComAndEnterpriseServer(string api, string graphql, string host)
    {
        GitHubApi.GraphQlUrl(new Uri(api)).ShouldBe(new Uri(graphql));
        GitHubApi.WebHost(new Uri(api)).ShouldBe(host);
    }
}
