using System.Diagnostics;

namespace Receipts.Cli.Demo;

/// <summary>Runs the real git binary in one repository with fixed identities and dates.</summary>
internal sealed class GitRunner(string directory)
{
    public string Directory { get; } = directory;

    public async Task<string> RunAsync(DateTimeOffset at, string author, CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var date = at.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["GIT_AUTHOR_DATE"] = date;
        start.Environment["GIT_COMMITTER_DATE"] = date;
        start.Environment["GIT_AUTHOR_NAME"] = author;
        start.Environment["GIT_AUTHOR_EMAIL"] = author + "@acme.example";
        start.Environment["GIT_COMMITTER_NAME"] = author;
        start.Environment["GIT_COMMITTER_EMAIL"] = author + "@acme.example";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("git did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new UserException($"git {string.Join(' ', args)} failed in {Directory}: {(await stderr).Trim()}", "Is git installed and on PATH?");
        }

        return (await stdout).Trim();
    }
}
