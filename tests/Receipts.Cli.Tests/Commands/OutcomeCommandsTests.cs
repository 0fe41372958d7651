using System.Diagnostics;
using System.Text.Json;

namespace Receipts.Cli.Tests.Commands;

public sealed class OutcomeCommandsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "receipts-cli-tests", Guid.NewGuid().ToString("n"));
    private readonly Dictionary<string, string?> _variables;

    public OutcomeCommandsTests()
    {
        Directory.CreateDirectory(_folder);
        _variables = new()
        {
            ["RECEIPTS_DB"] = Path.Combine(_folder, "r.duckdb"),
            ["RECEIPTS_CONFIG"] = Path.Combine(_folder, "receipts.yaml"),
            ["USER"] = "tester",
        };
        File.WriteAllText(_variables["RECEIPTS_CONFIG"]!, "teams:\n  payments: { window_days: 7 }\n");
    }

    [Fact]
    public async Task ReportChanges_Json_HasTheContractFieldNames()
    {
        var repo = MakeRepo();
        var config = Path.Combine(_folder, "receipts.yaml");
        await File.WriteAllTextAsync(config, $"teams:\n  payments: {{ window_days: 7 }}\nprojects:\n  api: {{ team: payments, repos: [{repo}] }}\n");

        var (importCode, _, importError) = await CliRun.RunAsync(_variables, "import", "git", "--repo", repo);
        importCode.ShouldBe(0, importError);
        var (code, output, error) = await CliRun.RunAsync(_variables, "report", "changes", "--json", "--as-of", "2026-09-30");
        code.ShouldBe(0, error);

        using var json = JsonDocument.Parse(output);
        var changes = json.RootElement.GetProperty("changes").EnumerateArray().ToList();
        changes.Count.ShouldBe(3);
        foreach (var name in new[] { "repo", "id", "sha", "mergedAt", "title", "status", "reasons", "windowDays", "windowEndsAt", "team" })
        {
            changes[0].TryGetProperty(name, out _).ShouldBeTrue(name);
        }

        var original = changes.Single(c => c.GetProperty("id").GetString() == "#5");
        original.GetProperty("status").GetString().ShouldBe("disqualified");
        original.GetProperty("team").GetString().ShouldBe("payments");
        original.GetProperty("windowDays").GetInt32().ShouldBe(7);
        var reason = original.GetProperty("reasons").EnumerateArray().ShouldHaveSingleItem();
        reason.GetProperty("kind").GetString().ShouldBe("revert");
        reason.GetProperty("by").GetString()!.Length.ShouldBe(40);
        reason.TryGetProperty("at", out _).ShouldBeTrue();

        var totals = json.RootElement.GetProperty("totals");
        totals.GetProperty("attempted").GetInt32().ShouldBe(3);
        totals.GetProperty("verified").GetInt32().ShouldBe(2);
        totals.GetProperty("disqualified").GetInt32().ShouldBe(1);
        totals.GetProperty("pending").GetInt32().ShouldBe(0);
        totals.GetProperty("verifiedShare").GetDecimal().ShouldBe(0.6667m);

        var (pendingCode, pendingOutput, _) = await CliRun.RunAsync(_variables, "report", "changes", "--json", "--as-of", "2026-09-03", "--window", "30");
        pendingCode.ShouldBe(0);
        using var pending = JsonDocument.Parse(pendingOutput);
        pending.RootElement.GetProperty("note").GetString()!.ShouldContain("--window 30");
        pending.RootElement.GetProperty("totals").GetProperty("pending").GetInt32().ShouldBe(2);

        var (csvCode, csv, _) = await CliRun.RunAsync(_variables, "report", "changes", "--csv", "--as-of", "2026-09-30");
        csvCode.ShouldBe(0);
        csv.Split('\n')[0].ShouldBe("repo,id,sha,mergedAt,title,status,reasons,team,windowDays,windowEndsAt");
    }

    [Fact]
    public async Task TeamsWindowSet_WithoutReason_Fails_WithReason_IsRecordedAndShown()
    {
        var (noReason, _, noReasonError) = await CliRun.RunAsync(_variables, "teams", "window", "set", "payments", "21");
        noReason.ShouldBe(1);
        Flat(noReasonError).ShouldContain("needs a reason");

        var (unknown, _, unknownError) = await CliRun.RunAsync(_variables, "teams", "window", "set", "growth", "21", "--reason", "x");
        unknown.ShouldBe(1);
        Flat(unknownError).ShouldContain("Unknown team 'growth'");

        var (ok, _, okError) = await CliRun.RunAsync(_variables, "teams", "window", "set", "payments", "21", "--reason", "release train");
        ok.ShouldBe(0, okError);
        var (ok2, _, _) = await CliRun.RunAsync(_variables, "teams", "window", "set", "payments", "10", "--reason", "faster feedback", "--by", "lead@acme.test");
        ok2.ShouldBe(0);

        var (code, output, _) = await CliRun.RunAsync(_variables, "teams", "window", "history", "payments", "--json");
        code.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToList();
        rows.Count.ShouldBe(2);
        rows[0].GetProperty("oldDays").GetInt32().ShouldBe(7);
        rows[0].GetProperty("newDays").GetInt32().ShouldBe(21);
        rows[0].GetProperty("by").GetString().ShouldBe("tester");
        rows[0].GetProperty("reason").GetString().ShouldBe("release train");
        rows[1].GetProperty("oldDays").GetInt32().ShouldBe(21);
        rows[1].GetProperty("by").GetString().ShouldBe("lead@acme.test");
    }

    [Fact]
    public async Task BadInput_OneClearError()
    {
        await File.WriteAllTextAsync(_variables["RECEIPTS_CONFIG"]!, "teams:\n  payments: { window_days: soon }\n");
        var (code, _, error) = await CliRun.RunAsync(_variables, "report", "changes");
        code.ShouldBe(1);
        // The error console wraps at 80 columns.
        Flat(error).ShouldContain("receipts.yaml:2: teams.payments.window_days");

        var (repoCode, _, repoError) = await CliRun.RunAsync(_variables, "import", "git", "--repo", _folder);
        repoCode.ShouldBe(1);
        Flat(repoError).ShouldContain("is not a git repository");
    }

    private static string Flat(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>Three changes: #5 (reverted two days later by a git revert), #6, and the revert.</summary>
    private string MakeRepo()
    {
        var repo = Path.Combine(_folder, "repo");
        Directory.CreateDirectory(repo);
        Git(repo, "2026-09-01T09:00:00Z", "init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(repo, "a.txt"), "a");
        Git(repo, "2026-09-01T09:00:00Z", "add", "a.txt");
        Git(repo, "2026-09-01T09:00:00Z", "commit", "-q", "-m", "Add a (#5)");
        File.WriteAllText(Path.Combine(repo, "b.txt"), "b");
        Git(repo, "2026-09-02T09:00:00Z", "add", "b.txt");
        Git(repo, "2026-09-02T09:00:00Z", "commit", "-q", "-m", "Add b (#6)");
        Git(repo, "2026-09-03T09:00:00Z", "revert", "--no-edit", "HEAD~1");
        return repo;
    }

    private static void Git(string repo, string date, params string[] args)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = repo };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["GIT_AUTHOR_DATE"] = date;
        info.Environment["GIT_COMMITTER_DATE"] = date;
        info.Environment["GIT_AUTHOR_NAME"] = info.Environment["GIT_COMMITTER_NAME"] = "Dev";
        info.Environment["GIT_AUTHOR_EMAIL"] = info.Environment["GIT_COMMITTER_EMAIL"] = "dev@acme.test";
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, error);
    }
}
