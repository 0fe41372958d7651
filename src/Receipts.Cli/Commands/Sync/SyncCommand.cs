using System.CommandLine;
using Receipts.Domain.Storage;
using Receipts.Sources.Sync;
using Spectre.Console;

namespace Receipts.Cli.Commands.Sync;

/// <summary><c>receipts sync</c>: runs every source in <c>receipts.yaml</c>'s <c>sources:</c>, then prints one summary.</summary>
internal static class SyncCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var config = ConfigLocation.CreateOption();
        var only = new Option<string[]>("--only") { Description = "Run only these sources (by name or kind); repeat for several", HelpName = "NAME" };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var command = new Command(
            "sync",
            """
            Run every source listed under sources: in receipts.yaml (billing APIs, gateways, agents' logs, git and
            trackers), one after the other, each incrementally from where it stopped. A source that fails is reported
            and the others still run; the exit code is 1 when any failed. Ends with rows, period, dollars and errors
            per source. Secrets come from each source's key_env / key_file, never from the file itself.

            Examples:
              receipts sync
              receipts sync --config /etc/receipts/receipts.yaml --json
              receipts sync --only anthropic --only github
            """)
        {
            config, only, json,
        };
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var directory = await ConfigLocation.LoadAsync(context.Get(config), environment, cancellationToken);
            var selected = context.Get(only) is { Length: > 0 } names
                ? directory.Sources.Where(s => names.Contains(s.Name, StringComparer.Ordinal) || names.Contains(s.Kind, StringComparer.Ordinal)).ToList()
                : directory.Sources.ToList();
            if (selected.Count == 0)
            {
                throw new UserException(
                    directory.Path is null ? "No receipts.yaml found, so there is nothing to sync." : $"{directory.Path} lists no sources{(context.Get(only) is { Length: > 0 } ? " matching --only" : string.Empty)}.",
                    "Add a sources: list, e.g.\n  sources:\n    - { kind: anthropic, key_env: ANTHROPIC_ADMIN_KEY }\n    - { kind: claude-code }\nSee docs/sources.md for every kind.");
            }

            await using var store = await context.OpenStoreAsync(cancellationToken);
            var runner = new SyncRunner(new SyncContext
            {
                Usage = store,
                Billing = store,
                Outcomes = store as IOutcomeStore ?? throw new UserException("This store cannot hold outcomes.", "Update receipts."),
                GetVariable = environment.GetVariable,
                Time = environment.Time,
                HomeDirectory = environment.HomeDirectory,
                BaseDirectory = directory.Path is { } path ? Path.GetDirectoryName(path)! : environment.WorkingDirectory,
            });
            var results = environment.Interactive
                ? await WithProgressAsync(environment, runner, selected, cancellationToken)
                : await runner.RunAsync(selected, null, cancellationToken);
            SyncSummaryOutput.Write(environment, context.Get(json), results);
            return results.All(r => r.Succeeded) ? ExitCodes.Ok : ExitCodes.Error;
        });
        return command;
    }

    /// <summary>One progress line per source on stderr: spinning while it runs, then done or failed.</summary>
    private static Task<IReadOnlyList<SyncSourceResult>> WithProgressAsync(
        CliEnvironment environment, SyncRunner runner, IReadOnlyList<Domain.Directory.SourceConfig> sources, CancellationToken cancellationToken) =>
        environment.ErrorConsole().Progress()
            .Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var tasks = sources.Select(s => progress.AddTask(Markup.Escape(s.Name), autoStart: false, maxValue: 1)).ToList();
                return await runner.RunAsync(
                    sources,
                    new SyncProgressReporter(step =>
                    {
                        var task = tasks[step.Index];
                        if (step.Result is null)
                        {
                            task.StartTask();
                            return;
                        }

                        task.Description = Markup.Escape(step.Name) + (step.Result.Succeeded ? " [green]done[/]" : " [red]failed[/]");
                        task.Value = 1;
                        task.StopTask();
                    }),
                    cancellationToken);
            });
}
