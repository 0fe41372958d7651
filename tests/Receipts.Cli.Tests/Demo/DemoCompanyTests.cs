using System.Diagnostics;
using Receipts.Cli.Demo;

namespace Receipts.Cli.Tests.Demo;

public sealed class DemoCompanyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static string Git(string repo, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = repo, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }

    [Fact]
    public async Task Generate_MakesRealRepositories_WhoseFirstParentHistoryMatchesWhatItRecords()
    {
        var root = Directory.CreateTempSubdirectory("receipts-demo-test").FullName;
        try
        {
            var manifest = await DemoCompany.GenerateAsync(root, Now, seed: 42, CancellationToken.None);

            manifest.Repos.Count.ShouldBe(6);
            foreach (var (path, project) in manifest.Repos)
            {
                var subjects = Git(path, "log", "--first-parent", "--format=%s", "main").Split('\n', StringSplitOptions.RemoveEmptyEntries);
                var planted = manifest.Changes.Where(c => c.Project == project).ToList();
                var reverts = planted.Count(c => c.RevertedAt is not null);
                var hotfixes = planted.Count(c => c.HotfixedAt is not null);
                subjects.Length.ShouldBe(1 + planted.Count + reverts + hotfixes, project);
                subjects.Count(s => s.StartsWith("Revert \"", StringComparison.Ordinal)).ShouldBe(reverts, project);
                subjects.Count(s => s.StartsWith("Hotfix:", StringComparison.Ordinal)).ShouldBe(hotfixes, project);
                subjects.Count(s => s.StartsWith("Merge pull request #", StringComparison.Ordinal)).ShouldBeGreaterThan(0, project);
                Git(path, "remote", "get-url", "origin").Trim().ShouldStartWith("https://github.com/acme/");
            }

            manifest.Changes.Count.ShouldBeGreaterThan(60);
            manifest.Changes.ShouldContain(c => c.RevertedAt != null);
            manifest.Changes.ShouldContain(c => c.HotfixedAt != null);
            manifest.Changes.ShouldContain(c => c.ReopenedAt != null);
            manifest.Changes.ShouldAllBe(c => c.MergedAt <= Now);
            manifest.Truth.Count.ShouldBeGreaterThan(500);
            Directory.GetFiles(manifest.ClaudeRoot, "*.jsonl", SearchOption.AllDirectories).Length.ShouldBeGreaterThan(100);
            (await File.ReadAllTextAsync(manifest.ConfigPath)).ShouldContain("cordon: true");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
