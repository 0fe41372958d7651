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
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            try
            {
                var options = HookOptions.FromEnvironment(environment.GetVariable, environment.HomeDirectory, parseResult.GetValue(server));
                using var budget = new CancellationTokenSource(options.Budget + TimeSpan.FromMilliseconds(150), environment.Time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
                var input = HookInput.Parse(await ReadInputAsync(environment, linked.Token));
                using var runner = new HookRunner(options, environment.Time);
                var outcome = parseResult.GetValue(hookEvent) == "session-start"
                    ? await runner.SessionStartAsync(input, linked.Token)
                    : await runner.SessionEndAsync(input, linked.Token);
                if (parseResult.GetValue(GlobalOptions.Verbose))
                {
                    await environment.Error.WriteLineAsync(outcome.ToString());
                }
            }
#pragma warning disable CA1031 // A hook must never hurt the session: every failure ends in exit 0.
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (parseResult.GetValue(GlobalOptions.Verbose))
                {
                    await environment.Error.WriteLineAsync("receipts hook: " + e.Message);
                }
            }

            return ExitCodes.Ok;
        });
        return command;
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
