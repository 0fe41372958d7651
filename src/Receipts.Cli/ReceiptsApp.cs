using System.CommandLine;
using Receipts.Cli.Commands;
using Receipts.Domain.Storage;
using Spectre.Console;

namespace Receipts.Cli;

/// <summary>Builds the command tree and runs it behind the one top-level error handler.</summary>
internal static class ReceiptsApp
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment)
    {
        var root = BuildRoot(environment);
        var configuration = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            EnableDefaultExceptionHandler = false,
        };

        try
        {
            return await root.Parse(args).InvokeAsync(configuration);
        }
        catch (OperationCanceledException)
        {
            await environment.Error.WriteLineAsync("Cancelled.");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is UserException or StoreUnavailableException)
        {
            var verbose = args.Contains("--verbose") || args.Contains("-v");
            await WriteErrorAsync(environment, e, verbose);
            return ExitCodes.Error;
        }
    }

    internal static RootCommand BuildRoot(CliEnvironment environment)
    {
        var root = new RootCommand(
            """
            Receipts: what your AI spend bought.
            Reads AI coding agents' logs, billing and outcomes, and reports spend per project,
            team and person, cost per merged change and cost per verified outcome (CPVO).

            Examples:
              receipts import claude-code
              receipts report usage --by day
              receipts report usage --by project --since 2026-11-01 --json
            """);
        root.Options.Add(GlobalOptions.Db);
        root.Options.Add(GlobalOptions.Verbose);
        root.Subcommands.Add(ImportCommand.Create(environment));
        root.Subcommands.Add(ReportCommand.Create(environment));
        root.Subcommands.Add(Commands.Prices.PricesCommand.Create(environment));
        root.Subcommands.Add(Commands.Teams.TeamsCommand.Create(environment));
        root.Subcommands.Add(Commands.Hooks.HooksCommand.Create(environment));
        root.Subcommands.Add(Commands.Hooks.HookCommand.Create(environment));
        root.Subcommands.Add(Commands.Serve.ServeCommand.Create(environment));
        root.Subcommands.Add(Commands.Tokens.TokensCommand.Create(environment));
        root.Subcommands.Add(ExportCommand.Create(environment));
        root.Subcommands.Add(Commands.Demo.DemoCommand.Create(environment));
        root.Subcommands.Add(Commands.Attribute.AttributeCommand.Create(environment));
        return root;
    }

    private static async Task WriteErrorAsync(CliEnvironment environment, Exception e, bool verbose)
    {
        var console = environment.ErrorConsole();
        if (!environment.Interactive)
        {
            // A log file or a pipe has no width: keep the error on one line.
            console.Profile.Width = 1000;
        }

        var hint = e is UserException user ? user.Hint : "Check the path and its permissions, or choose another file with --db PATH or RECEIPTS_DB.";
        console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
        if (!string.IsNullOrEmpty(hint))
        {
            console.MarkupLineInterpolated($"[grey]hint:[/] {hint}");
        }

        if (verbose)
        {
            await environment.Error.WriteLineAsync(e.ToString());
        }
    }
}
