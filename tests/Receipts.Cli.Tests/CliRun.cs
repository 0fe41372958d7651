using Microsoft.Extensions.Time.Testing;

namespace Receipts.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output and a chosen environment.</summary>
internal static class CliRun
{
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(
        IReadOnlyDictionary<string, string?> variables,
        params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            GetVariable = name => variables.TryGetValue(name, out var value) ? value : null,
            Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero)),
            WorkingDirectory = Path.GetTempPath(),
            LocalZone = TimeZoneInfo.Utc,
        };
        var code = await ReceiptsApp.RunAsync(args, environment);
        return (code, output.ToString(), error.ToString());
    }
}
