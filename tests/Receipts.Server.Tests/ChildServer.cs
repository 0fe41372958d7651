using System.Diagnostics;
using System.Text;

namespace Receipts.Server.Tests;

/// <summary>`receipts serve` as a real child process (the built receipts.dll), so a test can kill -9 it.</summary>
internal sealed class ChildServer : IDisposable
{
    private static readonly string[] Configurations = ["Debug", "Release"];

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private ChildServer(Process process) => _process = process;

    public Uri Address { get; private set; } = null!;

    /// <summary>What the server printed on stdout up to its "listening on" line.</summary>
    public List<string> StartupOutput { get; } = [];

    public static async Task<ChildServer> StartAsync(string storeSpec, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { CliPath(), "serve", "--store", storeSpec, "--urls", "http://127.0.0.1:0" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var child = new ChildServer(Process.Start(start)!);
        child._process.ErrorDataReceived += (_, e) =>
        {
            lock (child._stderr)
            {
                child._stderr.AppendLine(e.Data);
            }
        };
        child._process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await child._process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            child.StartupOutput.Add(line);
            var at = line.IndexOf("listening on ", StringComparison.Ordinal);
            if (at >= 0)
            {
                child.Address = new Uri(line[(at + "listening on ".Length)..].Split(' ')[0]);
                return child;
            }
        }

        throw new InvalidOperationException($"receipts serve exited before listening: {child.Stderr}");
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush, no goodbye.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }

        _process.Dispose();
    }

    private static string CliPath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Receipts.slnx")))
        {
            directory = directory.Parent;
        }

        var candidates = Configurations
            .Select(c => Path.Combine(directory!.FullName, "src", "Receipts.Cli", "bin", c, "net10.0", "receipts.dll"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .ToList();
        return candidates.Count > 0
            ? candidates[0]
            : throw new InvalidOperationException("receipts.dll is not built: run `dotnet build src/Receipts.Cli` first.");
    }
}
