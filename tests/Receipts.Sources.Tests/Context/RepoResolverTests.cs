using System.Diagnostics;
using Receipts.Sources.Context;

namespace Receipts.Sources.Tests.Context;

public sealed class RepoResolverTests : IDisposable
{
    private static readonly string[] Identity = ["-c", "user.name=t", "-c", "user.email=t@example.com"];

    private readonly string _root = Directory.CreateTempSubdirectory("receipts-repo-tests").FullName;

    [Fact]
    public void Resolve_SubfolderOfARepository_GivesItsOriginRemote()
    {
        var repo = Repo("payments", ("upstream", "https://github.com/other/fork.git"), ("origin", "git@github.com:Acme/Payments.git"));
        var sub = Directory.CreateDirectory(Path.Combine(repo, "src", "api")).FullName;

        new RepoResolver().Resolve(sub).ShouldBe("github.com/acme/payments");
    }

    [Fact]
    public void Resolve_NoOrigin_TakesTheFirstRemote()
    {
        var repo = Repo("mirror", ("upstream", "https://gitlab.com/acme/mirror.git"));

        new RepoResolver().Resolve(repo).ShouldBe("gitlab.com/acme/mirror");
    }

    [Fact]
    public void Resolve_Worktree_ReadsTheMainRepositorysConfig()
    {
        var repo = Repo("main", ("origin", "https://github.com/acme/main.git"));
        Git(repo, "commit", "--allow-empty", "-q", "-m", "first");
        var worktree = Path.Combine(_root, "wt");
        Git(repo, "worktree", "add", "-q", worktree);

        File.Exists(Path.Combine(worktree, ".git")).ShouldBeTrue();
        new RepoResolver().Resolve(worktree).ShouldBe("github.com/acme/main");
    }

    [Fact]
    public void Resolve_NoRepositoryOrNoRemote_GivesTheFolderItself()
    {
        var plain = Directory.CreateDirectory(Path.Combine(_root, "plain")).FullName;
        var local = Repo("local");

        new RepoResolver().Resolve(plain).ShouldBe(plain);
        new RepoResolver().Resolve(local).ShouldBe(local);
        new RepoResolver().Resolve("/nonexistent/receipts/x").ShouldBe("/nonexistent/receipts/x");
    }

    private string Repo(string name, params (string Name, string Url)[] remotes)
    {
        var path = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        Git(path, "init", "-q");
        foreach (var (remote, url) in remotes)
        {
            Git(path, "remote", "add", remote, url);
        }

        return path;
    }

    private static void Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in Identity.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, process.StandardError.ReadToEnd());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
