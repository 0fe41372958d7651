using Spectre.Console;

namespace Receipts.Cli.Output;

/// <summary>Console set-up shared by reports.</summary>
internal static class Consoles
{
    // Spectre assumes 80 columns when stdout is not a terminal, which squeezes wide reports into
    // wrapped cells; a pipe or a file has no width, so give tables room.
    private const int RedirectedWidth = 220;

    /// <summary>The stdout console, wide enough for a report table when stdout is not a terminal.</summary>
    public static IAnsiConsole ForReport(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var console = environment.OutConsole();
        if (!ReferenceEquals(environment.Out, Console.Out) || Console.IsOutputRedirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
