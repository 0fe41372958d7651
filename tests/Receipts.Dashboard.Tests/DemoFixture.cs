using System.Diagnostics;
using Microsoft.Playwright;

namespace Receipts.Dashboard.Tests;

/// <summary>
/// Built once per test run: the demo company (`receipts demo`, real git repositories and transcripts, imported into a
/// DuckDB file) and one headless Debian Chromium driven by Playwright. Each server starts on its own copy of the store.
/// </summary>
public sealed class DemoFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private static readonly string[] Configurations = ["Debug", "Release"];

    private IPlaywright? _playwright;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "receipts-dashboard-tests-" + Guid.NewGuid().ToString("n")[..8]);

    public string StorePath => Path.Combine(Root, "demo", "receipts.duckdb");

    public string ConfigPath => Path.Combine(Root, "demo", "receipts.yaml");

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The shared server for tests that only read.</summary>
    public DashboardServer Server { get; private set; } = null!;

    public static string RepoRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Receipts.slnx")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Receipts.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    public static string ScreenshotDirectory => Directory.CreateDirectory(Path.Combine(RepoRoot, "artifacts", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        if (!File.Exists("/usr/bin/chromium"))
        {
            throw new InvalidOperationException("The dashboard tests drive Debian's Chromium: install it with `sudo bash scripts/test-deps.sh` (or apt-get install chromium).");
        }

        Directory.CreateDirectory(Root);
        await RunCliAsync("demo", "--dir", Path.Combine(Root, "demo"), "--db", StorePath, "--json");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
        Server = await DashboardServer.StartAsync(this, "shared");
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not a test failure.
        }
    }

    /// <summary>A fresh browser context (its own cookies) at a laptop's screen size.</summary>
    public async Task<IPage> NewPageAsync(string? colorScheme = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            ColorScheme = colorScheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            AcceptDownloads = true,
        });
        return await context.NewPageAsync();
    }

    private static async Task RunCliAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliPath());
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"receipts {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}{await stdout}");
        }
    }

    private static string CliPath()
    {
        var candidates = Configurations
            .Select(c => Path.Combine(RepoRoot, "src", "Receipts.Cli", "bin", c, "net10.0", "receipts.dll"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .ToList();
        return candidates.Count > 0 ? candidates[0] : throw new InvalidOperationException("receipts.dll is not built: run `dotnet build src/Receipts.Cli` first.");
    }
}
