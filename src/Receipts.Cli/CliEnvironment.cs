using Spectre.Console;

namespace Receipts.Cli;

/// <summary>
/// Everything a command touches outside itself: the two output streams, environment variables,
/// the clock, the working directory and whether a person is watching. Tests build their own.
/// </summary>
internal sealed record CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required Func<string, string?> GetVariable { get; init; }

    public required TimeProvider Time { get; init; }

    public required string WorkingDirectory { get; init; }

    /// <summary>Standard input as bytes (the Claude Code hook reads its JSON there); empty unless set.</summary>
    public Func<Stream> OpenStandardInput { get; init; } = () => Stream.Null;

    /// <summary>True when stderr is a terminal and not under CI: progress bars are drawn only then.</summary>
    public bool Interactive { get; init; }

    /// <summary>The machine's IANA zone, the default for reports.</summary>
    public TimeZoneInfo LocalZone { get; init; } = TimeZoneInfo.Local;

    public string HomeDirectory => GetVariable("HOME") is { Length: > 0 } home
        ? home
        : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    public static CliEnvironment FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        GetVariable = Environment.GetEnvironmentVariable,
        Time = TimeProvider.System,
        WorkingDirectory = Directory.GetCurrentDirectory(),
        OpenStandardInput = () => Console.IsInputRedirected ? Console.OpenStandardInput() : Stream.Null,
        Interactive = !Console.IsErrorRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            && Environment.GetEnvironmentVariable("TERM") is not "dumb",
    };

    /// <summary>A Spectre console over <see cref="Out"/>: results (tables) go to stdout.</summary>
    public IAnsiConsole OutConsole() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Out),
        Ansi = Interactive && !Console.IsOutputRedirected && ReferenceEquals(Out, Console.Out) ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = Interactive && ReferenceEquals(Out, Console.Out) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    });

    /// <summary>A Spectre console over <see cref="Error"/>: progress and diagnostics go to stderr.</summary>
    public IAnsiConsole ErrorConsole() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Error),
        Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = Interactive ? InteractionSupport.Yes : InteractionSupport.No,
    });
}
