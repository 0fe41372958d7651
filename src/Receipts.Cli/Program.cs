using Receipts.Cli;
using Receipts.Cli.Commands.Hooks;

// Claude Code runs the hook at every session start and end, inside a 1.5 s budget: those command lines skip
// building the command tree (and loading Spectre.Console and the store), see HookCommand.TryParseLean.
if (HookCommand.TryParseLean(args, out var hookEvent, out var server, out var verbose))
{
    var environment = new CliEnvironment
    {
        Out = TextWriter.Null, // The hook never writes to stdout (SessionStart's stdout would go into Claude's context).
        Error = verbose ? Console.Error : TextWriter.Null,
        GetVariable = Environment.GetEnvironmentVariable,
        Time = TimeProvider.System,
        WorkingDirectory = Directory.GetCurrentDirectory(),
        OpenStandardInput = () => Console.IsInputRedirected ? Console.OpenStandardInput() : Stream.Null,
    };
    return await HookCommand.RunAsync(environment, hookEvent, server, verbose, CancellationToken.None);
}

return await ReceiptsApp.RunAsync(args, CliEnvironment.FromProcess());
