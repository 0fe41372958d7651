using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Receipts.Domain.Outcomes;
using Receipts.Sources.Configuration;
using Spectre.Console;

namespace Receipts.Cli.Commands.Teams;

/// <summary><c>receipts teams window set|history</c>: change a team's observation window, with a reason, and show the record.</summary>
internal static class TeamsWindowCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command(
            "window",
            """
            A team's observation window N: a change counts as a verified outcome only N days after its
            merge with no revert, hotfix or reopen. Every change of N is recorded (who, when, old, new,
            why); from that instant the recorded value wins over receipts.yaml. Changes merged earlier
            keep the window that was in force at their merge.
            """);
        command.Subcommands.Add(CreateSet(environment));
        command.Subcommands.Add(CreateHistory(environment));
        return command;
    }

    private static Command CreateSet(CliEnvironment environment)
    {
        var team = new Argument<string>("team") { Description = "The team (a key under teams: in receipts.yaml)" };
        var days = new Argument<int>("days") { Description = $"The new window in days (1 to {DirectoryLoader.MaxWindowDays})" };
        var reason = new Option<string?>("--reason") { Description = "Why (required): it is shown with the history in reports" };
        var by = new Option<string?>("--by") { Description = "Who made the change (default: the machine user)" };
        var config = ConfigLocation.CreateOption();
        var command = new Command(
            "set",
            """
            Change a team's window. A reason is required; who and when are recorded.

            Examples:
              receipts teams window set payments 21 --reason "incidents surface after the 3-week release train"
              receipts teams window set payments 14 --reason "back to default" --by sarah@acme.com
            """)
        {
            team, days, reason, by, config,
        };
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var name = context.Get(team) ?? string.Empty;
            var newDays = context.Get(days);
            var why = context.Get(reason)?.Trim();
            if (string.IsNullOrEmpty(why))
            {
                throw new UserException("A window change needs a reason.", $"Add --reason \"why {name} needs {newDays} days\".");
            }

            if (newDays < 1 || newDays > DirectoryLoader.MaxWindowDays)
            {
                throw new UserException($"{newDays} days is out of range.", $"Use a whole number of days from 1 to {DirectoryLoader.MaxWindowDays}.");
            }

            var directory = await ConfigLocation.LoadAsync(context.Get(config), environment, cancellationToken);
            if (!directory.Teams.ContainsKey(name))
            {
                throw new UserException($"Unknown team '{name}'.", directory.Teams.Count == 0
                    ? "Define the team under teams: in receipts.yaml (found via --config, RECEIPTS_CONFIG, ./receipts.yaml or ~/.config/receipts/receipts.yaml)."
                    : "Known teams: " + string.Join(", ", directory.Teams.Keys.Order(StringComparer.Ordinal)));
            }

            var who = context.Get(by)?.Trim() is { Length: > 0 } given ? given : MachineUser(environment);
            await using var store = await context.OpenStoreAsync(cancellationToken);
            var history = await store.ReadTeamWindowChangesAsync(cancellationToken);
            var old = new WindowPolicy(directory, history).CurrentDays(name);
            var change = new TeamWindowChange(name, old, newDays, who, environment.Time.GetUtcNow(), why);
            await store.WriteTeamWindowChangeAsync(change, cancellationToken);
            environment.OutConsole().MarkupLineInterpolated($"{name}: window {old}d -> {newDays}d, recorded for {who}: {why}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateHistory(CliEnvironment environment)
    {
        var team = new Argument<string?>("team") { Description = "Only this team", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command(
            "history",
            """
            Every recorded window change, oldest first.

            Examples:
              receipts teams window history
              receipts teams window history payments --json
            """)
        {
            team, json,
        };
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            await using var store = await context.OpenStoreAsync(cancellationToken);
            var name = context.Get(team);
            var history = (await store.ReadTeamWindowChangesAsync(cancellationToken))
                .Where(h => name is null || string.Equals(h.Team, name, StringComparison.Ordinal))
                .ToList();
            if (context.Get(json))
            {
                await environment.Out.WriteLineAsync(JsonSerializer.Serialize(
                    history.Select(h => new { team = h.Team, oldDays = h.OldDays, newDays = h.NewDays, by = h.By, at = h.At, reason = h.Reason })));
                return ExitCodes.Ok;
            }

            var console = environment.OutConsole();
            if (history.Count == 0)
            {
                console.WriteLine(name is null ? "No window changes recorded." : $"No window changes recorded for {name}.");
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Simple);
            table.AddColumns("When", "Team", "Old", "New", "By", "Why");
            foreach (var h in history)
            {
                table.AddRow(
                    TimeZoneInfo.ConvertTime(h.At, environment.LocalZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    Markup.Escape(h.Team),
                    h.OldDays.ToString(CultureInfo.InvariantCulture) + "d",
                    h.NewDays.ToString(CultureInfo.InvariantCulture) + "d",
                    Markup.Escape(h.By),
                    Markup.Escape(h.Reason));
            }

            console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string MachineUser(CliEnvironment environment) =>
        environment.GetVariable("USER") is { Length: > 0 } user ? user
        : environment.GetVariable("USERNAME") is { Length: > 0 } windowsUser ? windowsUser
        : Environment.UserName;
}
