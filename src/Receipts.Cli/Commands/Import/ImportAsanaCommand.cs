using System.CommandLine;
using Receipts.Sources.Asana;

namespace Receipts.Cli.Commands.Import;

/// <summary><c>receipts import asana --project GID</c>: tasks completed and marked incomplete again.</summary>
internal static class ImportAsanaCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var project = new Option<string>("--project") { Description = "The project gid (the number in its URL)", Required = true, HelpName = "GID" };
        var apiUrl = HostedImport.ApiUrlOption("The REST root (default: https://app.asana.com/api/1.0)");
        var tokenEnv = HostedImport.TokenEnvOption(AsanaApi.TokenVariable);
        var tokenFile = HostedImport.TokenFileOption();
        var json = HostedImport.JsonOption();
        var command = new Command(
            "asana",
            """
            Import an Asana project's task completions: marked complete (completed) and marked incomplete
            again (reopened). Incremental by task modification time.
            The token comes from ASANA_TOKEN (or --token-env VAR / --token-file PATH) and is never stored.

            Examples:
              receipts import asana --project 1204000000000000
              receipts import asana --project 1204000000000000 --token-file ~/.config/asana-token
            """)
        {
            project, apiUrl, tokenEnv, tokenFile, json,
        };
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var token = HostedImport.ReadSecret(context, tokenFile, tokenEnv, AsanaApi.TokenVariable, "Asana", AsanaApi.TokenHint);
            var options = new AsanaImportOptions
            {
                Project = context.Get(project)!,
                ApiUrl = HostedImport.Url(context.Get(apiUrl), AsanaImportOptions.DefaultApiUrl, "--api-url"),
            };
            return await HostedImport.RunAsync(
                context,
                json,
                AsanaApi.ClientOptions(token, environment.Time),
                (client, store, ct) => new AsanaImporter(client, options).ImportAsync(store, ct),
                cancellationToken);
        });
        return command;
    }
}
