using Receipts.Domain.Attribution;

namespace Receipts.Domain.Tests.Attribution;

public sealed class PathGlobTests
{
    [Theory]
    [InlineData("~/src/payments/**", "/home/alice/src/payments/api", true)]
    [InlineData("~/src/payments/**", "/Users/bob/src/payments", true)]
    [InlineData("~/src/payments/**", "/home/alice/src/payments-old", false)]
    [InlineData("/srv/repos/billing", "/srv/repos/billing/src/x", true)]
    [InlineData("/srv/repos/billing", "/srv/repos/billing2", false)]
    [InlineData("**/payments-api/**", "/opt/w/payments-api/src", true)]
    [InlineData("/a/*/c", "/a/b/c", true)]
    [InlineData("/a/*/c", "/a/b/x/c", false)]
    [InlineData("/a/**/c", "/a/c", true)]
    public void IsMatch(string glob, string path, bool expected)
    {
        new PathGlob(glob).IsMatch(path).ShouldBe(expected);
    }
}
