using Receipts.Cli.Commands.Hooks;

namespace Receipts.Cli.Tests.Hooks;

public sealed class HookLeanDispatchTests
{
    [Theory]
    [InlineData("session-end", null, false, "hook", "session-end")]
    [InlineData("session-start", "https://r.example", false, "hook", "session-start", "--server", "https://r.example")]
    [InlineData("session-end", "http://127.0.0.1:5080", true, "hook", "session-end", "--server=http://127.0.0.1:5080", "-v")]
    [InlineData("session-end", null, true, "hook", "session-end", "--verbose")]
    public void TryParseLean_TheCommandLinesClaudeCodeRuns_AreTakenWithoutTheFullParser(string hookEvent, string? server, bool verbose, params string[] args)
    {
        HookCommand.TryParseLean(args, out var parsedEvent, out var parsedServer, out var parsedVerbose).ShouldBeTrue();

        (parsedEvent, parsedServer, parsedVerbose).ShouldBe((hookEvent, server, verbose));
    }

    [Theory]
    [InlineData("hook")]
    [InlineData("hook", "session-middle")]
    [InlineData("hook", "session-end", "--help")]
    [InlineData("hook", "session-end", "--server")]
    [InlineData("hook", "session-end", "--server", "--verbose")]
    [InlineData("hook", "session-end", "--db", "x.duckdb")]
    [InlineData("hooks", "install")]
    [InlineData("report", "usage")]
    public void TryParseLean_AnythingElse_GoesToTheFullParser(params string[] args) =>
        HookCommand.TryParseLean(args, out _, out _, out _).ShouldBeFalse();
}
