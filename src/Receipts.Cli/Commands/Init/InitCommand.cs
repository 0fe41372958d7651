using System.CommandLine;
using Receipts.Domain.Storage;
using Receipts.Sources.Configuration;

namespace Receipts.Cli.Commands.Init;

/// <summary><c>receipts init</c>: a commented starter receipts.yaml proposed from what the store has seen.</summary>
internal static class InitCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the file (default: ./receipts.yaml)" };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file" };
        var command = new Command(
            "init",
            """
            Writes a commented starter receipts.yaml from what is already in the store: one project and
            team per repo seen in usage and changes (with how often and how many branches), ticket
            prefixes and API key aliases placed with the repo they were seen with most, and machine
            users as people. Edit it, then run the reports. Import first (receipts import claude-code,
            receipts import git --repo PATH) so there is something to propose. An existing file is
            kept unless --force.

            Examples:
              receipts init
              receipts init --output ~/.config/receipts/receipts.yaml
              receipts init --force
            """)
        {
            output, force,
        };
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var path = Path.GetFullPath(context.Get(output) ?? "receipts.yaml", environment.WorkingDirectory);
            if (File.Exists(path) && !context.Get(force))
            {
                throw new UserException($"{path} already exists.", "Edit it, or run `receipts init --force` to replace it with a fresh proposal.");
            }

            SeenFacts seen;
            await using (var store = await context.OpenStoreAsync(cancellationToken))
            {
                seen = await ReadAsync(store, cancellationToken);
            }

            var zone = environment.LocalZone.Id;
            var text = StarterDirectory.Write(seen, zone, environment.Time.GetUtcNow());
            DirectoryLoader.Parse(text, path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, text, cancellationToken);
            await environment.Out.WriteLineAsync(
                $"Wrote {path}: {seen.Repos.Count} projects from repos, {seen.TicketPrefixes.Count} ticket prefixes, {seen.KeyAliases.Count} key aliases, {seen.MachineUsers.Count} people. Edit it, then run `receipts report cpvo`.");
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static async Task<SeenFacts> ReadAsync<TStore>(TStore store, CancellationToken cancellationToken)
        where TStore : IUsageStore, IOutcomeStore
    {
        var seen = new SeenFacts();
        await foreach (var r in store.ReadUsageAsync(UsageFilter.All, cancellationToken))
        {
            seen.UsageRecords++;
            seen.Repo(r.Repo, r.Branch);
            SeenFacts.Count(seen.KeyAliases, r.ApiKeyAlias, r.Repo);
            SeenFacts.Count(seen.MachineUsers, r.MachineUser, r.Repo);
            foreach (var t in r.TicketIds)
            {
                SeenFacts.Count(seen.TicketPrefixes, SeenFacts.PrefixOf(t), r.Repo);
            }
        }

        foreach (var c in await store.ReadChangesAsync(ChangeFilter.All, cancellationToken))
        {
            seen.Changes++;
            seen.Repo(c.Repo, c.HeadBranch);
            foreach (var t in c.Tickets)
            {
                SeenFacts.Count(seen.TicketPrefixes, SeenFacts.PrefixOf(t), c.Repo);
            }
        }

        foreach (var e in await store.ReadTicketEventsAsync(cancellationToken))
        {
            SeenFacts.Count(seen.TicketPrefixes, SeenFacts.PrefixOf(e.TicketId), null);
        }

        return seen;
    }
}
