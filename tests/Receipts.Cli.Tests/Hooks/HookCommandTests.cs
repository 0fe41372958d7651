using System.Diagnostics;
using System.Text;

namespace Receipts.Cli.Tests.Hooks;

public sealed class HookCommandTests
{
    [Fact]
    public async Task SessionEnd_ServerUp_PostsEachRequestOnceWithGitContextAndNoContent()
    {
        using var sandbox = new HookSandbox();
        sandbox.WriteTranscript(sandbox.TranscriptPath, HookSandbox.SessionId, 0, 3);
        await using var server = new UsageServer();

        var (code, output, _, _) = await HookRun.RunAsync(sandbox.Variables(), sandbox.HookInput("SessionEnd"), "hook", "session-end", "--server", server.Url);

        code.ShouldBe(0);
        output.ShouldBeEmpty();
        server.Records.Count.ShouldBe(3);
        server.Authorizations.ShouldAllBe(a => a == "Bearer tok-123");
        var record = server.Records.Single(r => r.GetProperty("requestId").GetString() == "req_011CExample0");
        record.GetProperty("id").GetString().ShouldBe("anthropic:req:req_011CExample0");
        record.GetProperty("sourceKind").GetString().ShouldBe("hook");
        record.GetProperty("tokens").GetProperty("input").GetInt64().ShouldBe(3);
        record.GetProperty("tokens").GetProperty("output").GetInt64().ShouldBe(97);
        record.GetProperty("tokens").GetProperty("cacheRead").GetInt64().ShouldBe(89356);
        record.GetProperty("tokens").GetProperty("cacheWrite5m").GetInt64().ShouldBe(161);
        record.GetProperty("repo").GetString().ShouldBe("github.com/acme/acme-api");
        record.GetProperty("branch").GetString().ShouldBe("feat/PAY-123-refunds");
        record.GetProperty("ticketIds")[0].GetString().ShouldBe("PAY-123");
        record.GetProperty("cwd").GetString().ShouldBe(sandbox.Repo);
        record.GetProperty("machineUser").GetString().ShouldBe("alice");
        record.GetProperty("sessionId").GetString().ShouldBe(HookSandbox.SessionId);
        string.Join("\n", server.Records.Select(r => r.GetRawText())).ShouldNotContain("SECRET-PROMPT");
    }

    [Fact]
    public async Task SessionEnd_ReadsOnlyNewBytes_NextTime()
    {
        using var sandbox = new HookSandbox();
        sandbox.WriteTranscript(sandbox.TranscriptPath, HookSandbox.SessionId, 0, 2);
        await using var server = new UsageServer();
        await HookRun.RunAsync(sandbox.Variables(), sandbox.HookInput("SessionEnd"), "hook", "session-end", "--server", server.Url);

        sandbox.WriteTranscript(sandbox.TranscriptPath, HookSandbox.SessionId, 2, 1, append: true);
        File.AppendAllText(sandbox.TranscriptPath, HookSandbox.AssistantLine(HookSandbox.SessionId, sandbox.Repo, 99)[..40]);
        await HookRun.RunAsync(sandbox.Variables(), sandbox.HookInput("SessionEnd"), "hook", "session-end", "--server", server.Url);

        server.Records.Select(r => r.GetProperty("requestId").GetString()).ShouldBe(["req_011CExample0", "req_011CExample1", "req_011CExample2"], ignoreOrder: true);
    }

    [Fact]
    public async Task SessionEnd_ServerDown_SpoolsExitsZeroFast_AndSessionStartSendsTheSpoolWhenItIsBack()
    {
        using var sandbox = new HookSandbox();
        sandbox.WriteTranscript(sandbox.TranscriptPath, HookSandbox.SessionId, 0, 2);
        var port = UsageServer.FreePort();

        var (code, _, _, elapsed) = await HookRun.RunAsync(sandbox.Variables(), sandbox.HookInput("SessionEnd"), "hook", "session-end", "--server", $"http://127.0.0.1:{port}");

        code.ShouldBe(0);
        elapsed.ShouldBeLessThan(TimeSpan.FromMilliseconds(1500));
        var spooled = sandbox.SpoolFiles().ShouldHaveSingleItem();
        Encoding.UTF8.GetString(File.ReadAllBytes(spooled)).ShouldNotContain("SECRET-PROMPT");

        await using var server = new UsageServer(port);
        var start = await HookRun.RunAsync(sandbox.Variables(), sandbox.HookInput("SessionStart"), "hook", "session-start", "--server", server.Url);

        start.ExitCode.ShouldBe(0);
        start.Out.ShouldBeEmpty();
        server.Records.Count.ShouldBe(2);
        sandbox.SpoolFiles().ShouldBeEmpty();
    }

    [Fact]
    public async Task SessionEnd_SlowServer_GivesUpWithinTheBudget_AndSpools()
    {
        using var sandbox = new HookSandbox();
        sandbox.WriteTranscript(sandbox.TranscriptPath, HookSandbox.SessionId, 0, 1);
        await using var server = new UsageServer(delay: TimeSpan.FromSeconds(5));

        var (code, _, _, elapsed) = await HookRun.RunAsync(sandbox.Variables(), sandbox.HookInput("SessionEnd"), "hook", "session-end", "--server", server.Url);

        code.ShouldBe(0);
        elapsed.ShouldBeLessThan(TimeSpan.FromMilliseconds(1500));
        sandbox.SpoolFiles().ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"session_id\":42,\"transcript_path\":{\"x\":1}}")]
    [InlineData("{\"transcript_path\":\"/nonexistent/file.jsonl\"}")]
    public async Task GarbageInput_ExitsZero_AndPrintsNothing(string stdin)
    {
        using var sandbox = new HookSandbox();

        var (code, output, error, _) = await HookRun.RunAsync(sandbox.Variables(), Encoding.UTF8.GetBytes(stdin), "hook", "session-end", "--server", "http://127.0.0.1:1");

        code.ShouldBe(0);
        output.ShouldBeEmpty();
        error.ShouldBeEmpty();
    }

    [Fact]
    public async Task SessionStart_SweepsSessionsThatNeverReported_AndTheirSubagents()
    {
        using var sandbox = new HookSandbox();
        const string otherSession = "11111111-2222-3333-4444-555555555555";
        var other = Path.Combine(sandbox.ProjectDirectory, otherSession + ".jsonl");
        sandbox.WriteTranscript(other, otherSession, 10, 2);
        sandbox.WriteTranscript(Path.Combine(sandbox.ProjectDirectory, otherSession, "subagents", "agent-a1.jsonl"), otherSession, 20, 1);
        await using var server = new UsageServer();

        var (code, _, _, _) = await HookRun.RunAsync(sandbox.Variables(), "{\"session_id\":\"new\",\"hook_event_name\":\"SessionStart\",\"source\":\"startup\"}"u8.ToArray(), "hook", "session-start", "--server", server.Url);
        var again = await HookRun.RunAsync(sandbox.Variables(), "{}"u8.ToArray(), "hook", "session-start", "--server", server.Url);

        code.ShouldBe(0);
        again.ExitCode.ShouldBe(0);
        server.Records.Select(r => r.GetProperty("requestId").GetString()).Order().ShouldBe(["req_011CExample10", "req_011CExample11", "req_011CExample20"]);
    }

    [Fact]
    public async Task SessionEnd_SidechainReplayOfAMainMessage_CountsOnce()
    {
        using var sandbox = new HookSandbox();
        sandbox.WriteTranscript(sandbox.TranscriptPath, HookSandbox.SessionId, 0, 1);
        var subagent = Path.Combine(sandbox.ProjectDirectory, HookSandbox.SessionId, "subagents", "agent-b2.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(subagent)!);
        File.WriteAllText(subagent, HookSandbox.AssistantLine(HookSandbox.SessionId, sandbox.Repo, 0, sidechain: true, requestId: "req_replayed") + "\n"
            + HookSandbox.AssistantLine(HookSandbox.SessionId, sandbox.Repo, 7, sidechain: true) + "\n");
        await using var server = new UsageServer();

        await HookRun.RunAsync(sandbox.Variables(), sandbox.HookInput("SessionEnd"), "hook", "session-end", "--server", server.Url);

        server.Records.Select(r => r.GetProperty("id").GetString()).Order().ShouldBe(["anthropic:req:req_011CExample0", "anthropic:req:req_011CExample7"]);
    }

    [Fact]
    public async Task HookProcess_WithGarbageOnStdin_ExitsZero()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "receipts.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("hook");
        start.ArgumentList.Add("session-end");
        start.Environment["XDG_STATE_HOME"] = Path.Combine(Path.GetTempPath(), "receipts-hook-tests", Guid.NewGuid().ToString("n"));
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync("\u0000\u0001 garbage {{{");
        process.StandardInput.Close();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.ShouldBe(0);
        stdout.ShouldBeEmpty();
    }
}
