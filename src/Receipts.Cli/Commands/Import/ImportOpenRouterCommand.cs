using System.CommandLine;
using Receipts.Sources.OpenRouter;

namespace Receipts.Cli.Commands.Import;

/// <summary><c>receipts import openrouter</c>: OpenRouter's daily activity (requests, tokens, credits charged).</summary>
internal static class ImportOpenRouterCommand
{
    public static Command Create(CliEnvironment environment) => GatewayImport.Create(
        environment,
        "openrouter",
        $"""
        Import OpenRouter generation costs from its activity API: per completed UTC day, model and provider
        endpoint, the requests, tokens and credits charged (1 credit = 1 USD, billed). It covers the last
        30 days; a re-run keeps only the days from the last one imported. Needs a management key in
        ${OpenRouterApi.SecretVariable} (or --key-env / --key-file); it is never printed or stored.

        Examples:
          receipts import openrouter
          receipts import openrouter --key-env OPENROUTER_PROVISIONING_KEY --json
        """,
        OpenRouterApi.SecretVariable,
        OpenRouterApi.DefaultBaseUrl,
        OpenRouterApi.Create,
        (client, _, usage, _, since, ct) => new OpenRouterImporter(client, usage, environment.Time).ImportAsync(since, ct));
}
