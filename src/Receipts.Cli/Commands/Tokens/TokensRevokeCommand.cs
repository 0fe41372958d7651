using System.CommandLine;
using Receipts.Cli.Commands.Serve;

namespace Receipts.Cli.Commands.Tokens;

/// <summary><c>receipts tokens revoke NAME</c>.</summary>
internal static class TokensRevokeCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var name = new Argument<string>("name") { Description = "The token's name, as `receipts tokens list` shows it" };
        var store = StoreOption.Create();
        var command = new Command(
            "revoke",
            """
            Delete a token. A running server stops accepting it within 30 seconds (it caches lookups that long).

            Examples:
              receipts tokens revoke payments-laptops
            """);
        command.Arguments.Add(name);
        command.Options.Add(store);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var tokenName = context.Get(name)!;
            await using var opened = await StoreOption.OpenAsync(context, StoreOption.Resolve(context, store), cancellationToken);
            if (!await opened.Tokens.RevokeTokenAsync(tokenName, cancellationToken))
            {
                throw new UserException($"No token named '{tokenName}'.", "See the names with: receipts tokens list");
            }

            await environment.Out.WriteLineAsync($"Revoked token '{tokenName}'.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
