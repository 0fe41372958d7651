using System.CommandLine;
using Receipts.Sources.Jira;

namespace Receipts.Cli.Commands.Import;

/// <summary><c>receipts import jira --site URL --project KEY</c>: issues completed and reopened, by status category.</summary>
internal static class ImportJiraCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var site = new Option<string>("--site") { Description = "The Jira Cloud site, https://acme.atlassian.net", Required = true, HelpName = "URL" };
        var project = new Option<string>("--project") { Description = "The project key, PAY", Required = true, HelpName = "KEY" };
        var email = new Option<string?>("--email") { Description = "The account's email (default: $JIRA_EMAIL)", HelpName = "EMAIL" };
        var tokenEnv = HostedImport.TokenEnvOption(JiraApi.TokenVariable);
        var tokenFile = HostedImport.TokenFileOption();
        var json = HostedImport.JsonOption();
        var command = new Command(
            "jira",
            """
            Import a Jira Cloud project's status transitions: into the done category (completed) and out of it
            (reopened), by status category, not by status name. Incremental by last update.
            Basic auth: the email from JIRA_EMAIL (or --email) and the API token from JIRA_API_TOKEN
            (or --token-env VAR / --token-file PATH); the token is never stored.

            Examples:
              receipts import jira --site https://acme.atlassian.net --project PAY
              receipts import jira --site https://acme.atlassian.net --project PAY --email sarah@acme.com --json
            """)
        {
            site, project, email, tokenEnv, tokenFile, json,
        };
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var account = context.Get(email) is { Length: > 0 } given ? given : environment.GetVariable(JiraApi.EmailVariable);
            if (string.IsNullOrWhiteSpace(account))
            {
                throw new UserException("No Jira account email: set JIRA_EMAIL or pass --email.", JiraApi.TokenHint);
            }

            var token = HostedImport.ReadSecret(context, tokenFile, tokenEnv, JiraApi.TokenVariable, "Jira", JiraApi.TokenHint);
            var options = new JiraImportOptions
            {
                Site = HostedImport.Url(context.Get(site), new Uri("https://acme.atlassian.net"), "--site"),
                Project = context.Get(project)!,
            };
            return await HostedImport.RunAsync(
                context,
                json,
                JiraApi.ClientOptions(account.Trim(), token, environment.Time),
                (client, store, ct) => new JiraImporter(client, options).ImportAsync(store, ct),
                cancellationToken);
        });
        return command;
    }
}
