using System.CommandLine;

namespace Receipts.Cli.Commands.Tokens;

/// <summary><c>receipts tokens create|list|revoke</c>: bearer tokens for the collector and API.</summary>
internal static class TokensCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command(
            "tokens",
            """
            Manage the bearer tokens `receipts serve` accepts. A token is shown once, when it is created;
            the store keeps only its SHA-256. Scopes: ingest (send usage), read (reports, /metrics), admin (all).
            """);
        command.Subcommands.Add(TokensCreateCommand.Create(environment));
        command.Subcommands.Add(TokensListCommand.Create(environment));
        command.Subcommands.Add(TokensRevokeCommand.Create(environment));
        return command;
    }
}
