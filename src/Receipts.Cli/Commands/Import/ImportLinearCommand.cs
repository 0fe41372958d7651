using System.CommandLine;
using Receipts.Sources.Linear;

namespace Receipts.Cli.Commands.Import;

/// <summary><c>receipts import linear --team KEY</c>: issues completed and reopened, by workflow state type.</summary>
internal static class ImportLinearCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var team = new Option<string>("--team") { Description = "The team key, ENG", Required = true, HelpName = "KEY" };
        var apiUrl = HostedImport.ApiUrlOption("The GraphQL endpoint (default: https://api.linear.app/graphql)");
        var tokenEnv = HostedImport.TokenEnvOption(LinearApi.TokenVariable);
        var tokenFile = HostedImport.TokenFileOption();
        var json = HostedImport.JsonOption();
        var command = new Command(
            "linear",
            """
            Import a Linear team's issue history: moves into a completed state, and moves from completed or
            canceled back to an open state (reopened). Incremental by last update.
            The key comes from LINEAR_API_KEY (or --token-env VAR / --token-file PATH) and is never stored.

            Examples:
              receipts import linear --team ENG
              receipts import linear --team ENG --json
            """)
        {
            team, apiUrl, tokenEnv, tokenFile, json,
        };
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var token = HostedImport.ReadSecret(context, tokenFile, tokenEnv, LinearApi.TokenVariable, "Linear", LinearApi.TokenHint);
            var options = new LinearImportOptions
            {
                Team = context.Get(team)!,
                ApiUrl = HostedImport.Url(context.Get(apiUrl), LinearImportOptions.DefaultApiUrl, "--api-url"),
            };
            return await HostedImport.RunAsync(
                context,
                json,
                LinearApi.ClientOptions(token, environment.Time),
                (client, store, ct) => new LinearImporter(client, options).ImportAsync(store, ct),
                cancellationToken);
        });
        return command;
    }
}
