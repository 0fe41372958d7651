using System.Text.Json.Nodes;

namespace Receipts.Cli.Tests.Hooks;

public sealed class HooksInstallCommandTests
{
    [Fact]
    public async Task UserScope_MergesWithExistingSettings_AndInstallingTwiceChangesNothing()
    {
        using var sandbox = new HookSandbox();
        var settings = Path.Combine(sandbox.Home, ".claude", "settings.json");
        File.WriteAllText(settings, """
            {
              "model": "opus",
              "env": { "CLAUDE_CODE_ENABLE_TELEMETRY": "1" },
              "hooks": {
                "SessionEnd": [ { "hooks": [ { "type": "command", "command": "my-other-hook end", "timeout": 5 } ] } ],
                "Stop": [ { "hooks": [ { "type": "command", "command": "notify-me" } ] } ]
              }
            }
            """);

        var first = await CliRun.RunAsync(sandbox.Variables(), "hooks", "install", "--server", "https://receipts.example.com", "--scope", "user");
        var afterFirst = File.ReadAllText(settings);
        var second = await CliRun.RunAsync(sandbox.Variables(), "hooks", "install", "--server", "https://receipts.example.com", "--scope", "user");

        first.ExitCode.ShouldBe(0);
        first.Out.ShouldContain("RECEIPTS_TOKEN");
        second.Out.ShouldContain("nothing changed");
        File.ReadAllText(settings).ShouldBe(afterFirst);
        var root = JsonNode.Parse(afterFirst)!;
        root["model"]!.GetValue<string>().ShouldBe("opus");
        root["env"]!["CLAUDE_CODE_ENABLE_TELEMETRY"]!.GetValue<string>().ShouldBe("1");
        root["hooks"]!["Stop"]![0]!["hooks"]![0]!["command"]!.GetValue<string>().ShouldBe("notify-me");
        var sessionEnd = root["hooks"]!["SessionEnd"]!.AsArray();
        sessionEnd.Count.ShouldBe(2);
        sessionEnd[0]!["hooks"]![0]!["command"]!.GetValue<string>().ShouldBe("my-other-hook end");
        sessionEnd[1]!["hooks"]![0]!["command"]!.GetValue<string>().ShouldBe("receipts hook session-end --server https://receipts.example.com");
        root["hooks"]!["SessionStart"]![0]!["hooks"]![0]!["command"]!.GetValue<string>().ShouldBe("receipts hook session-start --server https://receipts.example.com");
    }

    [Fact]
    public async Task ProjectScope_WritesTheRepositoryRootSettings_AndANewServerUpdatesInPlace()
    {
        using var sandbox = new HookSandbox();
        var nested = Path.Combine(sandbox.Repo, "src", "deep");
        Directory.CreateDirectory(nested);

        var first = await RunInAsync(nested, sandbox, "hooks", "install", "--server", "https://old.example.com");
        var second = await RunInAsync(nested, sandbox, "hooks", "install", "--server", "https://new.example.com/");

        first.ShouldBe(0);
        second.ShouldBe(0);
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(sandbox.Repo, ".claude", "settings.json")))!;
        var start = root["hooks"]!["SessionStart"]!.AsArray().ShouldHaveSingleItem()!;
        start["hooks"]![0]!["command"]!.GetValue<string>().ShouldBe("receipts hook session-start --server https://new.example.com");
    }

    [Fact]
    public async Task ProjectScope_OutsideARepository_SaysWhatToDo()
    {
        using var sandbox = new HookSandbox();
        var outside = Path.Combine(sandbox.Root, "not-a-repo");
        Directory.CreateDirectory(outside);

        using var error = new StringWriter();
        var code = await ReceiptsApp.RunAsync(["hooks", "install", "--server", "https://r.example.com"], Environment(outside, sandbox, error));

        code.ShouldBe(1);
        error.ToString().ShouldContain("--scope user");
    }

    private static async Task<int> RunInAsync(string directory, HookSandbox sandbox, params string[] args) =>
        await ReceiptsApp.RunAsync(args, Environment(directory, sandbox, new StringWriter()));

    private static CliEnvironment Environment(string directory, HookSandbox sandbox, StringWriter error)
    {
        var variables = sandbox.Variables();
        return new CliEnvironment
        {
            Out = new StringWriter(),
            Error = error,
            GetVariable = name => variables.TryGetValue(name, out var value) ? value : null,
            Time = TimeProvider.System,
            WorkingDirectory = directory,
        };
    }
}
