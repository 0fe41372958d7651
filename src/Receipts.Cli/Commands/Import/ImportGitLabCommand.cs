using System.CommandLine;
using Receipts.Sources.GitLab;

namespace Receipts.Cli.Commands.Import;

/// <summary><c>receipts import gitlab --project GROUP/NAME</c>: merged MRs and issue reopen/close events.</summary>
internal static class ImportGitLabCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var project = new Option<string>("--project") { Description = "The project's full path, GROUP/NAME", Required = true, HelpName = "GROUP/NAME" };
        var apiUrl = HostedImport.ApiUrlOption("The REST API root (default: https://gitlab.com/api/v4; self-managed: https://HOST/api/v4)");
        var tokenEnv = HostedImport.TokenEnvOption(GitLabApi.TokenVariable);
        var tokenFile = HostedImport.TokenFileOption();
        var json = HostedImport.JsonOption();
        var command = new Command(
            "gitlab",
            """
            Import merged merge requests (files, labels, closing issues, reverts) and issue closed/reopened
            events from a GitLab project. Incremental: re-runs ask only for what was updated since.
            The token (read_api) comes from GITLAB_TOKEN (or --token-env VAR / --token-file PATH) and is never stored.

            Examples:
              receipts import gitlab --project acme/payments
              receipts import gitlab --project acme/platform/payments --api-url https://gitlab.acme.com/api/v4
            """)
        {
            project, apiUrl, tokenEnv, tokenFile, json,
        };
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var token = HostedImport.ReadSecret(context, tokenFile, tokenEnv, GitLabApi.TokenVariable, "GitLab", GitLabApi.TokenHint);
            var options = new GitLabImportOptions
            {
                Project = context.Get(project)!,
                ApiUrl = HostedImport.Url(context.Get(apiUrl), GitLabImportOptions.DefaultApiUrl, "--api-url"),
            };
            return await HostedImport.RunAsync(
                context,
                json,
                GitLabApi.ClientOptions(token, environment.Time),
                (client, store, ct) => new GitLabImporter(client, options).ImportAsync(store, ct),
                cancellationToken);
        });
        return command;
    }
}
