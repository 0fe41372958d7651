using System.CommandLine;
using Receipts.Domain.Storage;
using Receipts.Domain.Tickets;
using Receipts.Sources.ClaudeCode;
using Receipts.Sources.Context;
using Receipts.Storage.DuckDb;

namespace Receipts.Cli.Commands.Import;

/// <summary><c>receipts import claude-code</c>: Claude Code transcripts into the store, incrementally.</summary>
internal static class ImportClaudeCodeCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var path = new Option<string[]>("--path")
        {
            Description = "A Claude config folder (like ~/.claude), its projects/ folder, or a copy of one; repeat for several (default: $CLAUDE_CONFIG_DIR, else ~/.config/claude and ~/.claude)",
            HelpName = "DIR",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var ticketPattern = new Option<string[]>("--ticket-pattern")
        {
            Description = "A regular expression finding ticket ids in branch names (group 'id' if present); repeat for several (default: ABC-123 and #123)",
            HelpName = "REGEX",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command(
            "claude-code",
            """
            Import Claude Code usage from its transcripts (*.jsonl under projects/, subagents included).
            Reads only what was appended since the last import; each API response counts once, however
            many files or copies hold it. Stores counts, ids, model, repo, branch and path: never content.

            Examples:
              receipts import claude-code
              receipts import claude-code --path ~/backup/.claude --verbose
              receipts import claude-code --ticket-pattern '(?<id>PAY-[0-9]+)'
            """);
        command.Options.Add(path);
        command.Options.Add(ticketPattern);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var directories = ScanDirectories(environment, context.Get(path) ?? []);
            var options = new UsageImportOptions { Tickets = TicketPatterns.Parser(context.Get(ticketPattern)) };
            // A first import into a new store file reads the transcripts while the store is created and migrated
            // (0.1–0.2 s of a cold import); an existing store is opened first, for its cursors.
            var storeIsNew = !File.Exists(context.StorePath);
            var opening = Task.Run(() => context.OpenStoreAsync(cancellationToken), cancellationToken);
            try
            {
                var importer = new ClaudeCodeImporter(OpenedAsync(opening), storeIsNew, options);
                var summary = await ImportRunRenderer.RunAsync(
                    environment,
                    "Reading Claude Code transcripts",
                    progress => importer.ImportAsync(directories, progress, cancellationToken));
                ImportRunRenderer.Render(environment, summary, "Claude Code transcripts", context.Verbose);
                return ExitCodes.Ok;
            }
            finally
            {
                // Whatever happened to the import, a store that did open is closed.
                if (await opening.ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default) is { } store)
                {
                    await store.DisposeAsync();
                }
            }
        });
        return command;
    }

    private static async Task<IUsageStore> OpenedAsync(Task<DuckDbStore> opening) => await opening;

    private static List<string> ScanDirectories(CliEnvironment environment, string[] paths)
    {
        if (paths.Length > 0)
        {
            return paths.Select(p => ClaudeCodeRoots.ScanDirectory(Path.GetFullPath(p, environment.WorkingDirectory))
                ?? throw new UserException(
                    $"No such folder: {p}",
                    "--path takes a Claude config folder (like ~/.claude), its projects/ folder, or a copy of one.")).ToList();
        }

        var candidates = ClaudeCodeRoots.Candidates(environment.GetVariable, environment.HomeDirectory)
            .Select(c => Path.GetFullPath(c, environment.WorkingDirectory))
            .ToList();
        var found = candidates.Select(ClaudeCodeRoots.ProjectsDirectory).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (found.Count == 0)
        {
            var from = environment.GetVariable(ClaudeCodeRoots.ConfigDirVariable) is { Length: > 0 } ? " (from CLAUDE_CONFIG_DIR)" : string.Empty;
            throw new UserException(
                $"No Claude Code data found: none of {string.Join(", ", candidates)}{from} has a projects/ folder.",
                "Has Claude Code run on this machine as this user? Point at the folder with --path DIR or set CLAUDE_CONFIG_DIR.");
        }

        return found;
    }
}
