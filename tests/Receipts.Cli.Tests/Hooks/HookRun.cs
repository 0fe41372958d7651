using System.Diagnostics;

namespace Receipts.Cli.Tests.Hooks;

/// <summary>Runs <c>receipts hook …</c> in-process as Claude Code would: JSON on stdin, real clock.</summary>
internal static class HookRun
{
    public static async Task<(int ExitCode, string Out, string Error, TimeSpan Elapsed)> RunAsync(
        IReadOnlyDictionary<string, string?> variables, byte[] stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            GetVariable = name => variables.TryGetValue(name, out var value) ? value : null,
            Time = TimeProvider.System,
            WorkingDirectory = Path.GetTempPath(),
            OpenStandardInput = () => new MemoryStream(stdin),
            LocalZone = TimeZoneInfo.Utc,
        };
        var watch = Stopwatch.StartNew();
        var code = await ReceiptsApp.RunAsync(args, environment);
        return (code, output.ToString(), error.ToString(), watch.Elapsed);
    }
}
