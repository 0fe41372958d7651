using Receipts.Sources.Git;

namespace Receipts.Sources.Tests.Git;

public sealed class GitLogParserTests
{
    private const string A = "1111111111111111111111111111111111111111";
    private const string B = "2222222222222222222222222222222222222222";

    [Fact]
    public async Task Read_RecordsWithRenamesTagsAndEmptyFileLists_AndSkipsABrokenOne()
    {
        var text =
            $"\u001e{B}\u001f{A}\u001fDev\u001fdev@acme.test\u001f2026-09-02T10:00:00+02:00\u001ftag: v1-hotfix, tag: v1\u001fFix (#2)\n\nBody\u001f\0\nR087\0src/Old.cs\0src/New.cs\0M\0README.md\0"
            + "\u001egarbage without fields"
            + $"\u001e{A}\u001f\u001fDev\u001fdev@acme.test\u001f2026-09-01T08:00:00+00:00\u001f\u001fEmpty\n\u001f\0";
        var parser = new GitLogParser();
        var commits = new List<GitCommit>();
        await foreach (var c in parser.ReadAsync(new StringReader(text), CancellationToken.None))
        {
            commits.Add(c);
        }

        commits.Count.ShouldBe(2);
        parser.Malformed.ShouldBe(1);
        var first = commits[0];
        first.Sha.ShouldBe(B);
        first.Parents.ShouldBe([A]);
        first.CommittedAt.ShouldBe(new DateTimeOffset(2026, 9, 2, 8, 0, 0, TimeSpan.Zero));
        first.CommittedAt.Offset.ShouldBe(TimeSpan.Zero);
        first.Tags.ShouldBe(["v1-hotfix", "v1"]);
        first.Files.ShouldBe([new GitFileChange('R', "src/New.cs", "src/Old.cs"), new GitFileChange('M', "README.md", null)]);
        commits[1].Files.ShouldBeEmpty();
        commits[1].Parents.ShouldBeEmpty();
    }
}
