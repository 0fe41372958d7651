using Receipts.Sources.Hooks;

namespace Receipts.Sources.Tests.Hooks;

public sealed class HookGitContextTests
{
    [Theory]
    [InlineData("git@github.com:Acme/Payments.git", "github.com/acme/payments")]
    [InlineData("https://github.com/acme/payments.git", "github.com/acme/payments")]
    [InlineData("https://x-access-token:ghp_secret@github.com/acme/payments", "github.com/acme/payments")]
    [InlineData("ssh://git@gitlab.example.com:2222/team/api.git", "gitlab.example.com/team/api")]
    public void Remote_IsNormalised_AndCredentialsAreDropped(string url, string expected)
    {
        HookGitContext.NormaliseRemote(url).ShouldBe(expected);
    }

    [Theory]
    [InlineData("feat/PAY-123-refunds", new[] { "PAY-123" })]
    [InlineData("pay-42_and_OPS-7", new[] { "PAY-42", "OPS-7" })]
    [InlineData("fix-2-typo", new string[0])]
    [InlineData("main", new string[0])]
    public void TicketIds_ComeFromTheBranch(string branch, string[] expected)
    {
        HookGitContext.TicketIds(branch).ShouldBe(expected);
    }

    [Fact]
    public void Worktree_ResolvesTheMainRepositoryRemoteAndItsOwnBranch()
    {
        var root = Path.Combine(Path.GetTempPath(), "receipts-git-tests", Guid.NewGuid().ToString("n"));
        var main = Path.Combine(root, "main");
        Directory.CreateDirectory(main);
        try
        {
            Git(main, "init", "-q", "-b", "main");
            Git(main, "remote", "add", "origin", "https://github.com/acme/api.git");
            Git(main, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "init");
            Git(main, "worktree", "add", "-q", "-b", "feat/API-9-x", Path.Combine(root, "wt"));

            var context = HookGitContext.Resolve(Path.Combine(root, "wt"));

            context.Repo.ShouldBe("github.com/acme/api");
            context.Branch.ShouldBe("feat/API-9-x");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Git(string directory, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, process.StandardError.ReadToEnd());
    }
}
