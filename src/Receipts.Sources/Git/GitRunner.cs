using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Receipts.Sources.Git;

/// <summary>
/// Runs the git binary (found on PATH) in one repository with a fixed, locale-free environment.
/// Arguments go through <see cref="ProcessStartInfo.ArgumentList"/>: nothing is parsed by a shell.
/// </summary>
internal sealed class GitRunner(string repositoryPath, string gitBinary = "git")
{
    public string RepositoryPath { get; } = repositoryPath;

    /// <summary>Runs git and returns its exit code and trimmed stdout (small outputs only).</summary>
    public async Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        using var process = Start(arguments);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await stdout).Trim(), (await stderr).Trim());
    }

    /// <summary>
    /// Starts git and hands its stdout to <paramref name="consume"/> as it streams. Throws
    /// <see cref="GitException"/> with git's message when git fails.
    /// </summary>
    public async Task StreamAsync(IEnumerable<string> arguments, Func<StreamReader, Task> consume, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consume);
        using var process = Start(arguments);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await consume(process.StandardOutput);
        }
        catch
        {
            Kill(process);
            throw;
        }

        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new GitException($"git failed in {RepositoryPath}: {FirstLine(await stderr)}", hint: null);
        }
    }

    private Process Start(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(gitBinary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        info.ArgumentList.Add("-C");
        info.ArgumentList.Add(RepositoryPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["LC_ALL"] = "C";
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        info.Environment["GIT_PAGER"] = "cat";
        try
        {
            return Process.Start(info) ?? throw new GitException("Could not start git.", "Install git and make sure it is on PATH.");
        }
        catch (Win32Exception e)
        {
            throw new GitException($"Could not start git: {e.Message}", "Install git and make sure it is on PATH.");
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    internal static string FirstLine(string text)
    {
        var trimmed = text.Trim();
        var end = trimmed.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? trimmed : trimmed[..end];
    }
}
