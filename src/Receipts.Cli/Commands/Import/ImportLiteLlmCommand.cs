using System.CommandLine;
using Receipts.Sources.Billing.Http;
using Receipts.Sources.LiteLlm;

namespace Receipts.Cli.Commands.Import;

/// <summary><c>receipts import litellm</c>: LiteLLM spend logs from the proxy's PostgreSQL, or from its HTTP API with <c>--api-url</c>.</summary>
internal static class ImportLiteLlmCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var since = GatewayImport.SinceOption();
        var databaseEnv = new Option<string?>("--database-env") { Description = $"The variable holding the PostgreSQL connection string (default {LiteLlmDatabaseImporter.SecretVariable})", HelpName = "VAR" };
        var databaseFile = new Option<string?>("--database-file") { Description = "Read the connection string from this file", HelpName = "PATH" };
        var apiUrl = new Option<string?>("--api-url") { Description = "Read the proxy's /spend/logs/ui instead of its database, e.g. http://litellm:4000", HelpName = "URL" };
        var keyEnv = new Option<string?>("--key-env") { Description = $"With --api-url: the variable holding the master key (default {LiteLlmApi.SecretVariable})", HelpName = "VAR" };
        var keyFile = new Option<string?>("--key-file") { Description = "With --api-url: read the key from this file", HelpName = "PATH" };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var command = new Command(
            "litellm",
            $"""
            Import LiteLLM proxy spend logs: one record per request with its tokens, LiteLLM's cost estimate,
            the virtual key's hash and alias, the team alias and the request tags ("project:checkout" → project=checkout).
            Reads the LiteLLM_SpendLogs table from the proxy's PostgreSQL (a read replica is best; connection string in
            ${LiteLlmDatabaseImporter.SecretVariable}), or with --api-url the proxy's /spend/logs/ui. Content columns are
            never read. Incremental: a re-run reads only rows since the last one imported. Secrets are never printed or stored.

            Examples:
              receipts import litellm
              receipts import litellm --database-file ~/.config/receipts/litellm-db --since 2026-03-01
              receipts import litellm --api-url http://litellm:4000 --key-env LITELLM_MASTER_KEY
            """)
        {
            since, databaseEnv, databaseFile, apiUrl, keyEnv, keyFile, json,
        };
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var start = GatewayImport.Since(context.Get(since));
            Sources.Gateways.SourceImportSummary summary;
            if (context.Get(apiUrl) is { } url)
            {
                var (secret, from) = GatewayImport.ReadSecret(environment, context.Get(keyEnv) ?? LiteLlmApi.SecretVariable, context.Get(keyFile));
                using var client = LiteLlmApi.Create(new BillingApiOptions { BaseUrl = GatewayImport.Url(url, LiteLlmApi.DefaultBaseUrl), Secret = secret, SecretName = from, Time = environment.Time });
                await using var store = await context.OpenStoreAsync(cancellationToken);
                summary = await GatewayImport.RunAsync(environment, "litellm", () => new LiteLlmHttpImporter(client, store, environment.Time).ImportAsync(start, cancellationToken));
            }
            else
            {
                var (connection, _) = GatewayImport.ReadSecret(environment, context.Get(databaseEnv) ?? LiteLlmDatabaseImporter.SecretVariable, context.Get(databaseFile));
                await using var store = await context.OpenStoreAsync(cancellationToken);
                summary = await GatewayImport.RunAsync(environment, "litellm", () => new LiteLlmDatabaseImporter(connection, store, environment.Time).ImportAsync(start, cancellationToken));
            }

            GatewayImport.Write(environment, context.Get(json), summary);
            return ExitCodes.Ok;
        });
        return command;
    }
}
