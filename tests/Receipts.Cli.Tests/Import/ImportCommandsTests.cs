namespace Receipts.Cli.Tests.Import;

public sealed class ImportCommandsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("receipts-cli-import").FullName;

    private string Db => Path.Combine(_root, "r.duckdb");

    private static string Assistant(string messageId, string requestId, long output) =>
        $$$$"""{"type":"assistant","sessionId":"s1","cwd":"/nonexistent/acme","gitBranch":"feat/PAY-9","version":"2.0.31","timestamp":"2025-06-02T22:40:37.397Z","requestId":"{{{{requestId}}}}","message":{"id":"{{{{messageId}}}}","model":"claude-sonnet-4-5","content":[{"type":"text","text":"hi"}],"usage":{"input_tokens":3,"cache_read_input_tokens":100,"output_tokens":{{{{output}}}}}}}""";

    private string ClaudeTree()
    {
        var projects = Directory.CreateDirectory(Path.Combine(_root, "claude", "projects", "-acme")).FullName;
        File.WriteAllText(Path.Combine(projects, "s1.jsonl"), string.Join('\n', Assistant("msg_1", "req_1", 5), "{broken", Assistant("msg_1", "req_1", 50), Assistant("msg_2", "req_2", 7)) + "\n");
        File.WriteAllText(Path.Combine(projects, "s2.jsonl"), Assistant("msg_1", "req_1", 50) + "\n" + Assistant("msg_3", "req_3", 9) + "\n");
        return Path.Combine(_root, "claude");
    }

    private Task<(int ExitCode, string Out, string Error)> Run(params string[] args) => Run(new Dictionary<string, string?> { ["HOME"] = _root }, args);

    private static Task<(int ExitCode, string Out, string Error)> Run(Dictionary<string, string?> variables, params string[] args) =>
        CliRun.RunAsync(variables, args);

    [Fact]
    public async Task ImportClaudeCode_FixtureTree_PrintsTheSummary()
    {
        var tree = ClaudeTree();

        var (code, output, _) = await Run("import", "claude-code", "--path", tree, "--db", Db);

        code.ShouldBe(0);
        output.ShouldContain("Imported 3 records from 2 files (3 new, 0 replaced fuller copies); 1 line skipped");
        output.ShouldContain("Skipped: 1 malformed JSON. Run with --verbose to list each line.");
    }

    [Fact]
    public async Task ImportClaudeCode_SecondRun_SaysNothingIsNew()
    {
        var tree = ClaudeTree();
        await Run("import", "claude-code", "--path", tree, "--db", Db);

        var (code, output, _) = await Run("import", "claude-code", "--path", tree, "--db", Db);

        code.ShouldBe(0);
        output.ShouldContain("Nothing new: 2 files unchanged since the last import.");
    }

    [Fact]
    public async Task ImportClaudeCode_Verbose_ListsEachSkippedLineWithItsPlace()
    {
        var tree = ClaudeTree();

        var (_, _, error) = await Run("import", "claude-code", "--path", tree, "--db", Db, "--verbose");

        error.ShouldContain($"{Path.Combine(tree, "projects", "-acme", "s1.jsonl")}:2: skipped, malformed JSON");
    }

    [Fact]
    public async Task ImportClaudeCode_PathThatDoesNotExist_IsOneErrorWithAHint()
    {
        var (code, _, error) = await Run("import", "claude-code", "--path", Path.Combine(_root, "nope"), "--db", Db);

        code.ShouldBe(1);
        error.ShouldContain("error: No such folder:");
        error.ShouldContain("hint:");
        error.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task ImportClaudeCode_NoClaudeFolderAtAll_IsAnErrorNamingWhereItLooked()
    {
        var (code, _, error) = await Run("import", "claude-code", "--db", Db);

        code.ShouldBe(1);
        error.ShouldContain(Path.Combine(_root, ".claude"));
        error.ShouldContain("CLAUDE_CONFIG_DIR");
    }

    [Fact]
    public async Task ImportClaudeCode_DefaultRootWithoutTranscripts_SaysSoAndSucceeds()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".claude", "projects"));

        var (code, output, _) = await Run("import", "claude-code", "--db", Db);

        code.ShouldBe(0);
        output.ShouldContain($"No Claude Code transcripts found. Looked in: {Path.Combine(_root, ".claude", "projects")}");
    }

    [Fact]
    public async Task ImportClaudeCode_ClaudeConfigDir_IsTheOnlyRootUsed()
    {
        var tree = ClaudeTree();
        Directory.CreateDirectory(Path.Combine(_root, ".claude", "projects"));

        var (code, output, _) = await Run(new Dictionary<string, string?> { ["HOME"] = _root, ["CLAUDE_CONFIG_DIR"] = tree }, "import", "claude-code", "--db", Db);

        code.ShouldBe(0);
        output.ShouldContain("Imported 3 records from 2 files");
    }

    [Fact]
    public async Task ImportClaudeCode_BadTicketPattern_IsAUserError()
    {
        var tree = ClaudeTree();

        var (code, _, error) = await Run("import", "claude-code", "--path", tree, "--db", Db, "--ticket-pattern", "(unclosed");

        code.ShouldBe(1);
        error.ShouldContain("(unclosed");
    }

    [Fact]
    public async Task ImportCodex_SessionsFolder_ImportsItsTokenCounts()
    {
        var sessions = Directory.CreateDirectory(Path.Combine(_root, "codex", "sessions", "2025", "10", "01")).FullName;
        File.WriteAllText(Path.Combine(sessions, "rollout-2025-10-01T09-00-00-0199a0b1-1111-7111-8111-111111111111.jsonl"), string.Join('\n',
            """{"timestamp":"2025-10-01T09:00:00.000Z","type":"session_meta","payload":{"id":"0199a0b1-1111-7111-8111-111111111111","cwd":"/nonexistent/acme","cli_version":"0.44.0"}}""",
            """{"timestamp":"2025-10-01T09:00:01.000Z","type":"turn_context","payload":{"cwd":"/nonexistent/acme","model":"gpt-5-codex"}}""",
            """{"timestamp":"2025-10-01T09:01:00.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":100,"cached_input_tokens":40,"output_tokens":10,"reasoning_output_tokens":0,"total_tokens":110}}}}""") + "\n");

        var (code, output, _) = await Run("import", "codex", "--path", Path.Combine(_root, "codex"), "--db", Db);

        code.ShouldBe(0);
        output.ShouldContain("Imported 1 record from 1 file (1 new, 0 replaced fuller copies); 0 lines skipped");
    }

    [Fact]
    public async Task ImportCodex_NoCodexHome_IsAnError()
    {
        var (code, _, error) = await Run("import", "codex", "--db", Db);

        code.ShouldBe(1);
        error.ShouldContain("CODEX_HOME");
    }

    [Theory]
    [InlineData("claude-code")]
    [InlineData("codex")]
    public async Task Help_ShowsExamples(string source)
    {
        var (code, output, _) = await Run("import", source, "--help");

        code.ShouldBe(0);
        output.ShouldContain("Examples:");
        output.ShouldContain("--path");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
