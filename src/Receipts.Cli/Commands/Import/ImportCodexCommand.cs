using System.CommandLine;
using Receipts.Sources.Codex;
using Receipts.Sources.Context;

namespace Receipts.Cli.Commands.Import;

/// <summary><c>receipts import codex</c>: Codex CLI session logs into the store, incrementally.</summary>
internal static class ImportCodexCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var path = new Option<string[]>("--path")
        {
            Description = "A Codex home (holding sessions/), or a sessions folder itself; repeat for several (default: $CODEX_HOME, else ~/.codex)",
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
            "codex",
            """
            Import Codex CLI usage from its session logs (sessions/ and archived_sessions/; the sessions/ copy wins).
            Each advance of a session's token totals is one record; re-emitted totals count once.
            Reads only what was appended since the last import. Never stores content.

            Examples:
              receipts import codex
              receipts import codex --path ~/.codex/sessions
              CODEX_HOME=/srv/codex receipts import codex --verbose
            """);
        command.Options.Add(path);
        command.Options.Add(ticketPattern);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var directories = SessionDirectories(environment, context.Get(path) ?? []);
            var options = new UsageImportOptions { Tickets = TicketPatterns.Parser(context.Get(ticketPattern)) };
            await using var store = await context.OpenStoreAsync(cancellationToken);
            var importer = new CodexImporter(store, options);
            var summary = await ImportRunRenderer.RunAsync(
                environment,
                "Reading Codex sessions",
                progress => importer.ImportAsync(directories, progress, cancellationToken));
            ImportRunRenderer.Render(environment, summary, "Codex sessions", context.Verbose);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<string> SessionDirectories(CliEnvironment environment, string[] paths)
    {
        if (paths.Length > 0)
        {
            return paths.SelectMany(p =>
            {
                var found = CodexRoots.SessionDirectories(Path.GetFullPath(p, environment.WorkingDirectory), acceptPlainFolder: true);
                return found.Count > 0
                    ? found
                    : throw new UserException($"No such folder: {p}", "--path takes a Codex home (like ~/.codex) or a sessions folder.");
            }).Distinct(StringComparer.Ordinal).ToList();
        }

        var home = Path.GetFullPath(CodexRoots.Home(environment.GetVariable, environment.HomeDirectory), environment.WorkingDirectory);
        var directories = CodexRoots.SessionDirectories(home, acceptPlainFolder: false);
        if (directories.Count == 0)
        {
            throw new UserException(
                $"No Codex data found: {home} has no sessions/ or archived_sessions/ folder.",
                "Has Codex CLI run on this machine as this user? Point at the folder with --path DIR or set CODEX_HOME.");
        }

        return [.. directories];
    }
}
