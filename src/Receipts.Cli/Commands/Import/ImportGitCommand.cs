using System.CommandLine;
using Receipts.Sources.Git;
using Spectre.Console;

namespace Receipts.Cli.Commands.Import;

/// <summary><c>receipts import git --repo PATH [--branch NAME]</c>.</summary>
internal static class ImportGitCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var repo = new Option<string>("--repo")
        {
            Description = "The local repository to read (default: the current directory)",
            DefaultValueFactory = _ => ".",
        };
        var branch = new Option<string?>("--branch")
        {
            Description = "The branch whose first-parent history holds the merged changes (default: origin/HEAD's target, else the checked-out branch)",
        };
        var json = new Option<bool>("--json") { Description = "Print what was imported as JSON" };
        var command = new Command(
            "git",
            """
            Read merged changes from a local git repository: every first-parent commit of the branch
            (merge commit "Merge pull request #N from …", squash commit "… (#N)" or direct push), with its
            files, ticket ids and the reverts it names. A second import reads only the new commits.
            Nothing but ids, titles, paths and dates is stored.

            Examples:
              receipts import git --repo ~/src/payments
              receipts import git --repo ~/src/payments --branch release/2026.11
            """)
        {
            repo,
            branch,
            json,
        };
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var path = Path.GetFullPath(context.Get(repo) ?? ".", environment.WorkingDirectory);
            await using var store = await context.OpenStoreAsync(cancellationToken);
            var importer = new GitImporter(store);
            GitImportResult result;
            try
            {
                // Progress goes to stderr, and only when a person is watching.
                var shown = Markup.Escape(path);
                result = environment.Interactive
                    ? await environment.ErrorConsole().Status().StartAsync($"Reading {shown}…", async status =>
                        await importer.ImportAsync(path, context.Get(branch), new Progress<int>(n => status.Status($"Reading {shown}: {n} commits…")), cancellationToken))
                    : await importer.ImportAsync(path, context.Get(branch), progress: null, cancellationToken);
            }
            catch (GitException e)
            {
                throw new UserException(e.Message, e.Hint, e);
            }

            if (context.Get(json))
            {
                await environment.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(
                    new
                    {
                        repo = result.Repo,
                        branch = result.Branch,
                        head = result.Head,
                        changes = result.Changes,
                        incremental = result.Incremental,
                        historyRewritten = result.HistoryRewritten,
                        removed = result.Removed,
                        skipped = result.Malformed,
                    }));
                return ExitCodes.Ok;
            }

            var console = environment.OutConsole();
            var mode = result.HistoryRewritten
                ? "the branch was rewritten (force push) since the last import, so its whole history was read again"
                : result.Incremental ? "new since the last import" : "full history";
            console.MarkupLineInterpolated($"Imported [bold]{result.Changes}[/] change(s) from {result.Repo} {result.Branch} ({mode}); now at {result.Head[..Math.Min(12, result.Head.Length)]}.");
            if (result.Removed > 0)
            {
                console.MarkupLineInterpolated($"Removed {result.Removed} change(s) whose commits are no longer on {result.Branch}.");
            }

            if (result.Malformed > 0)
            {
                environment.ErrorConsole().MarkupLineInterpolated($"[yellow]warning:[/] skipped {result.Malformed} log record(s) that could not be read.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
