using System.CommandLine;
using Receipts.Cli.Commands.Serve;
using Receipts.Domain.Tokens;

namespace Receipts.Cli.Commands.Tokens;

/// <summary><c>receipts tokens create --scope ingest|read|admin [--team T] [--name N]</c>.</summary>
internal static class TokensCreateCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var scope = new Option<string>("--scope")
        {
            Description = "What the token may do: ingest (send usage), read (reports, /metrics) or admin (everything)",
            Required = true,
        };
        scope.AcceptOnlyFromAmong("ingest", "read", "admin");
        var team = new Option<string?>("--team") { Description = "Bind the token to a team: everything sent with it is tagged team=T" };
        var name = new Option<string?>("--name") { Description = "A unique name to list and revoke it by (default: SCOPE-TEAM-xxxxxx)" };
        var store = StoreOption.Create();
        var command = new Command(
            "create",
            """
            Create a token and print it once on stdout (the explanation goes to stderr, so it pipes cleanly).

            Examples:
              receipts tokens create --scope ingest --team payments --name payments-laptops
              receipts tokens create --scope read --name grafana
              TOKEN=$(receipts tokens create --scope ingest --name ci)
            """);
        command.Options.Add(scope);
        command.Options.Add(team);
        command.Options.Add(name);
        command.Options.Add(store);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var tokenScope = Enum.Parse<TokenScope>(context.Get(scope)!, ignoreCase: true);
            var tokenTeam = context.Get(team) is { Length: > 0 } t ? t.Trim() : null;
            var secret = TokenSecret.Generate();
            var hash = TokenSecret.Hash(secret);
            var tokenName = context.Get(name) is { Length: > 0 } n
                ? n.Trim()
                : string.Join('-', new[] { context.Get(scope)!, tokenTeam, hash[..6] }.Where(p => !string.IsNullOrEmpty(p)));

            await using var opened = await StoreOption.OpenAsync(context, StoreOption.Resolve(context, store), cancellationToken);
            var created = await opened.Tokens.CreateTokenAsync(
                new ApiToken { Name = tokenName, Hash = hash, Scope = tokenScope, Team = tokenTeam, CreatedAt = environment.Time.GetUtcNow() },
                cancellationToken);
            if (!created)
            {
                throw new UserException($"A token named '{tokenName}' already exists.", $"Choose another --name, or revoke it first: receipts tokens revoke {tokenName}");
            }

            var teamNote = tokenTeam is null ? string.Empty : $", team {tokenTeam}";
            await environment.Error.WriteLineAsync($"Created {context.Get(scope)} token '{tokenName}'{teamNote} in {opened.Description}. Copy it now: it is not shown again.");
            await environment.Out.WriteLineAsync(secret);
            return ExitCodes.Ok;
        });
        return command;
    }
}
