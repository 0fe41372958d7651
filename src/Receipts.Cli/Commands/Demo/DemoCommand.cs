using System.CommandLine;
using System.Text.Json;
using Receipts.Cli.Commands.Report;
using Receipts.Cli.Demo;
using Receipts.Cli.Output;
using Receipts.Domain.Metrics;
using Receipts.Domain.Pipeline;
using Receipts.Sources.Configuration;
using Receipts.Storage.DuckDb;
using Spectre.Console;

namespace Receipts.Cli.Commands.Demo;

/// <summary><c>receipts demo</c>: a realistic company in a fresh store, then its CPVO report.</summary>
internal static class DemoCommand
{
    private const string Marker = ".receipts-demo";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Command Create(CliEnvironment environment)
    {
        var dir = new Option<string?>("--dir") { Description = "Where to write the demo company (default: $XDG_DATA_HOME/receipts/demo)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the generator: the same seed and day give the same company", DefaultValueFactory = _ => 7 };
        var weeks = new Option<int>("--weeks") { Description = "Weeks in the printed report", DefaultValueFactory = _ => 8 };
        var command = new Command(
            "demo",
            """
            Build a realistic small company and report on it: five teams, six real git repositories
            made with git (PR merges, squash merges, direct pushes, reverts, hotfixes), Claude Code
            transcripts on those repos' branches, reopened tickets, seats and a receipts.yaml directory
            file; everything is imported into a fresh store the way you would import your own, then
            the CPVO report is printed. Run it again to start over.

            Examples:
              receipts demo
              receipts demo --dir /tmp/acme --json
              receipts report attribution --db /tmp/acme/receipts.duckdb --config /tmp/acme/receipts.yaml
            """)
        {
            dir, seed, weeks,
        };
        var output = OutputOptions.AddTo(command);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var format = output.Resolve(parseResult);
            var root = ResolveDirectory(context.Get(dir), environment);
            var storePath = ResolveStore(parseResult, root, environment);
            var console = environment.ErrorConsole();
            var progress = new Progress<string>(message =>
            {
                if (environment.Interactive)
                {
                    console.MarkupLineInterpolated($"[grey]{message}[/]");
                }
            });
            var now = environment.Time.GetUtcNow();
            var summary = await DemoRunner.RunAsync(root, storePath, now, context.Get(seed), progress, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(root, Marker), "Written by `receipts demo`; the next run replaces this folder.\n", cancellationToken);

            var directory = new DirectoryView(await DirectoryLoader.LoadAsync(summary.Manifest.ConfigPath, cancellationToken));
            await using var store = await DuckDbStore.OpenAsync(storePath, environment.Time, cancellationToken);
            var request = new CpvoService.Request(CpvoGrouping.Team, context.Get(weeks), now, directory.Zone ?? TimeZoneInfo.Utc, Trend: false);
            var result = await CpvoService.RunAsync(store, directory, request, cancellationToken);
            if (format == OutputFormat.Json)
            {
                await environment.Out.WriteLineAsync(JsonSerializer.Serialize(CpvoJson.From(result, request, request.Zone), Json));
            }
            else
            {
                var report = Consoles.ForReport(environment);
                report.MarkupLineInterpolated($"Demo company written to {root}: {summary.Manifest.Repos.Count} repositories, {summary.Changes} merged changes, {summary.Records} usage records.");
                ReportCpvoCommand.Render(report, result, request, request.Zone);
                report.WriteLine();
                report.WriteLine("Explore it:");
                report.WriteLine($"  receipts report cpvo --by project --trend --db {storePath} --config {summary.Manifest.ConfigPath}");
                report.WriteLine($"  receipts report attribution --db {storePath} --config {summary.Manifest.ConfigPath}");
                report.WriteLine($"  receipts report changes --db {storePath} --config {summary.Manifest.ConfigPath}");
                report.WriteLine($"  receipts report usage --by project --db {storePath}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string ResolveDirectory(string? option, CliEnvironment environment)
    {
        var root = !string.IsNullOrWhiteSpace(option)
            ? Path.GetFullPath(option, environment.WorkingDirectory)
            : Path.Combine(environment.GetVariable("XDG_DATA_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(environment.HomeDirectory, ".local", "share"), "receipts", "demo");
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            if (!File.Exists(Path.Combine(root, Marker)))
            {
                throw new UserException($"{root} is not empty and was not made by `receipts demo`; nothing was changed.", "Choose an empty or new folder with --dir.");
            }

            Directory.Delete(root, recursive: true);
        }

        Directory.CreateDirectory(root);
        return root;
    }

    // The demo owns its store: <dir>/receipts.duckdb, replaced on every run. A store the user names must be new,
    // so a demo never writes its fake company into real data.
    private static string ResolveStore(ParseResult parseResult, string root, CliEnvironment environment)
    {
        var named = parseResult.GetValue(GlobalOptions.Db) ?? environment.GetVariable(StoreLocation.EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(named))
        {
            return Path.Combine(root, "receipts.duckdb");
        }

        var path = Path.GetFullPath(named, environment.WorkingDirectory);
        return File.Exists(path)
            ? throw new UserException($"The demo needs a fresh store, and {path} already exists; nothing was changed.", "Drop --db / RECEIPTS_DB to use <dir>/receipts.duckdb, or name a new file.")
            : path;
    }
}
