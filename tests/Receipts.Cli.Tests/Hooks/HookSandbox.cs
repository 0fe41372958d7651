using System.Text;
using System.Text.Json;

namespace Receipts.Cli.Tests.Hooks;

/// <summary>
/// A developer machine in a temp folder: HOME with ~/.claude/projects, a state directory, a git
/// repository with a remote and a ticket branch, and a transcript written in Claude Code's shape.
/// </summary>
internal sealed class HookSandbox : IDisposable
{
    public const string SessionId = "9c0d7e2b-41a6-4f3b-8e5d-0a7c2f9b6d13";
    public const string Secret = "SECRET-PROMPT-add-a-health-endpoint";

    public HookSandbox()
    {
        Root = Path.Combine(Path.GetTempPath(), "receipts-hook-tests", Guid.NewGuid().ToString("n"));
        Home = Path.Combine(Root, "home");
        State = Path.Combine(Root, "state");
        Repo = Path.Combine(Root, "src", "acme-api");
        ProjectDirectory = Path.Combine(Home, ".claude", "projects", "-src-acme-api");
        Directory.CreateDirectory(ProjectDirectory);
        Directory.CreateDirectory(Repo);
        Git("init", "-q", "-b", "feat/PAY-123-refunds");
        Git("remote", "add", "origin", "git@github.com:Acme/acme-api.git");
        TranscriptPath = Path.Combine(ProjectDirectory, SessionId + ".jsonl");
    }

    public string Root { get; }

    public string Home { get; }

    public string State { get; }

    public string Repo { get; }

    public string ProjectDirectory { get; }

    public string TranscriptPath { get; }

    public static string UserLine(string sessionId, string cwd) => JsonSerializer.Serialize(new
    {
        type = "user",
        sessionId,
        cwd,
        timestamp = "2026-11-20T10:00:00.000Z",
        message = new { role = "user", content = Secret },
    });

    /// <summary>One assistant line as Claude Code writes it (reference §1.4), content included.</summary>
    public static string AssistantLine(string sessionId, string cwd, int n, long output = 97, bool sidechain = false, string? requestId = null) => JsonSerializer.Serialize(new
    {
        parentUuid = "4b2f8e61",
        isSidechain = sidechain,
        userType = "external",
        cwd,
        sessionId,
        version = "2.0.31",
        gitBranch = "feat/PAY-123-refunds",
        message = new
        {
            id = $"msg_01Example{n}",
            type = "message",
            role = "assistant",
            model = "claude-sonnet-4-5-20250929",
            content = new object[] { new { type = "text", text = Secret } },
            stop_reason = "end_turn",
            usage = new
            {
                input_tokens = 3,
                cache_creation_input_tokens = 161,
                cache_read_input_tokens = 89356,
                cache_creation = new { ephemeral_5m_input_tokens = 161, ephemeral_1h_input_tokens = 0 },
                output_tokens = output,
                service_tier = "standard",
            },
        },
        requestId = requestId ?? $"req_011CExample{n}",
        type = "assistant",
        uuid = Guid.NewGuid().ToString(),
        timestamp = "2026-11-20T10:00:01.397Z",
    });

    public void WriteTranscript(string path, string sessionId, int from, int count, bool append = false)
    {
        var text = new StringBuilder();
        for (var n = from; n < from + count; n++)
        {
            text.Append(UserLine(sessionId, Repo)).Append('\n');
            text.Append(AssistantLine(sessionId, Repo, n, output: 1)).Append('\n');

            // The same response, next content block: same ids, the final output count.
            text.Append(AssistantLine(sessionId, Repo, n)).Append('\n');
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (append)
        {
            File.AppendAllText(path, text.ToString());
        }
        else
        {
            File.WriteAllText(path, text.ToString());
        }
    }

    public byte[] HookInput(string hookEvent) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
    {
        ["session_id"] = SessionId,
        ["transcript_path"] = TranscriptPath,
        ["cwd"] = Repo,
        ["hook_event_name"] = hookEvent,
        ["reason"] = "prompt_input_exit",
    });

    public Dictionary<string, string?> Variables(string? token = "tok-123") => new()
    {
        ["HOME"] = Home,
        ["XDG_STATE_HOME"] = State,
        ["RECEIPTS_TOKEN"] = token,
        ["USER"] = "alice",
    };

    public string[] SpoolFiles() =>
        Directory.Exists(Path.Combine(State, "receipts", "spool")) ? Directory.GetFiles(Path.Combine(State, "receipts", "spool"), "*.json") : [];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Git(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = Repo, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        process.WaitForExit();
        process.ExitCode.ShouldBe(0);
    }
}
