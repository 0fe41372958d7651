using System.CommandLine;
using Receipts.Sources.GitHub;

namespace Receipts.Cli.Commands.Import;

/// <summary><c>receipts import github --repo OWNER/NAME</c>: merged PRs and issue reopen/close events.</summary>
internal static class ImportGitHubCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var repo = new Option<string>("--repo") { Description = "The repository, OWNER/NAME", Required = true, HelpName = "OWNER/NAME" };
        var apiUrl = HostedImport.ApiUrlOption("The REST API root (default: https://api.github.com; GitHub Enterprise Server: https://HOST/api/v3)");
        var tokenEnv = HostedImport.TokenEnvOption(GitHubApi.TokenVariable);
        var tokenFile = HostedImport.TokenFileOption();
        var json = HostedImport.JsonOption();
        var command = new Command(
            "github",
            """
            Import merged pull requests (files, labels, linked issues, reverts, review times) and issue
            closed/reopened events from a GitHub repository. Incremental: re-runs read only what changed.
            The token comes from GITHUB_TOKEN (or --token-env VAR / --token-file PATH) and is never stored.

            Examples:
              receipts import github --repo acme/payments
              receipts import github --repo acme/payments --token-env ACME_GITHUB_TOKEN --json
              receipts import github --repo acme/payments --api-url https://github.acme.com/api/v3
            """)
        {
            repo, apiUrl, tokenEnv, tokenFile, json,
        };
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var token = HostedImport.ReadSecret(context, tokenFile, tokenEnv, GitHubApi.TokenVariable, "GitHub", GitHubApi.TokenHint);
            var options = new GitHubImportOptions
            {
                Repository = context.Get(repo)!,
                ApiUrl = HostedImport.Url(context.Get(apiUrl), GitHubImportOptions.DefaultApiUrl, "--api-url"),
            };
            return await HostedImport.RunAsync(
                context,
                json,
                GitHubApi.ClientOptions(token, environment.Time),
                (client, store, ct) => new GitHubImporter(client, options).ImportAsync(store, ct),
                cancellationToken);
        });
        return command;
    }
}
