using System.CommandLine;
using Receipts.Sources.Hooks;

namespace Receipts.Cli.Commands.Hooks;

/// <summary>
/// <c>receipts hook session-start|session-end</c>: what Claude Code runs. Reads the hook JSON on stdin,
/// always exits 0 and prints nothing to stdout (SessionStart's stdout would go into Claude's context).
/// Never opens the store.
/// </summary>
internal static class HookCommand
{
    /// <summary>Largest stdin read; hook inputs are a few hundred bytes.</summary>
    private const int MaxInputBytes = 1024 * 1024;

    public static Command Create(CliEnvironment environment)
    {
        var hookEvent = new Argument<string>("event") { Description = "session-start or session-end" };
        hookEvent.AcceptOnlyFromAmong("session-start", "session-end");
        var server = new Option<string?>("--server") { Description = "The Receipts server (default: $RECEIPTS_SERVER)" };
        var command = new Command(
            "hook",
            """
            Run as a Claude Code hook (installed by `receipts hooks install`): report the session's usage.
            session-end sends the transcript's new usage lines; session-start resends what was queued and
            sweeps sessions that ended without reporting. Reads the hook JSON on stdin; always exits 0.

            Examples:
              receipts hook session-end --server https://receipts.example.com < payload.json
            """)
        {
            hookEvent,
            server,
        };
        command.SetAction((ParseResult parseResult, CancellationToken cancellationToken) => RunAsync(
            environment, parseResult.GetValue(hookEvent)!, parseResult.GetValue(server), parseResult.GetValue(GlobalOptions.Verbose), cancellationToken));
        return command;
    }

    /// <summary>
    /// Recognises the command lines Claude Code runs (<c>hook session-end|session-start [--server URL] [--verbose]</c>),
    /// so Program.cs can run them without building the whole command tree: parsing every command's options and
    /// loading their assemblies costs the hook more start-up time than its own work (docs/benchmarks.md (hook latency)).
    /// Anything else (help, a typo, other options) returns false and goes through the full parser.
    /// </summary>
    public static bool TryParseLean(string[] args, out string hookEvent, out string? server, out bool verbose)
    {
        ArgumentNullException.ThrowIfNull(args);
        hookEvent = string.Empty;
        server = null;
        verbose = false;
        if (args.Length < 2 || args[0] != "hook" || args[1] is not ("session-end" or "session-start"))
        {
            return false;
        }

        hookEvent = args[1];
        for (var i = 2; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--verbose" or "-v":
                    verbose = true;
                    break;
                case "--server" when i + 1 < args.Length && !args[i + 1].StartsWith('-'):
                    server = args[++i];
                    break;
                case var a when a.StartsWith("--server=", StringComparison.Ordinal) && a.Length > "--server=".Length:
                    server = a["--server=".Length..];
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>The hook's work, from the parsed command line or from <see cref="TryParseLean"/>; always exit code 0.</summary>
    public static async Task<int> RunAsync(CliEnvironment environment, string hookEvent, string? server, bool verbose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        try
        {
            var options = HookOptions.FromEnvironment(environment.GetVariable, environment.HomeDirectory, server);
            using var budget = new CancellationTokenSource(options.Budget + TimeSpan.FromMilliseconds(150), environment.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
            var input = HookInput.Parse(await ReadInputAsync(environment, linked.Token));
            using var runner = new HookRunner(options, environment.Time);
            var outcome = hookEvent == "session-start"
                ? await runner.SessionStartAsync(input, linked.Token)
                : await runner.SessionEndAsync(input, linked.Token);
            if (verbose)
            {
                await environment.Error.WriteLineAsync(outcome.ToString());
            }
        }
#pragma warning disable CA1031 // A hook must never hurt the session: every failure ends in exit 0.
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (verbose)
            {
                await environment.Error.WriteLineAsync("receipts hook: " + e.Message);
            }
        }

        return ExitCodes.Ok;
    }

    private static async Task<byte[]> ReadInputAsync(CliEnvironment environment, CancellationToken cancellationToken)
    {
        await using var input = environment.OpenStandardInput();
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length < MaxInputBytes && (read = await input.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
