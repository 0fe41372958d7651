using System.CommandLine;
using Receipts.Sources.Helicone;

namespace Receipts.Cli.Commands.Import;

/// <summary><c>receipts import helicone</c>: Helicone's request log with custom properties as tags.</summary>
internal static class ImportHeliconeCommand
{
    public static Command Create(CliEnvironment environment) => GatewayImport.Create(
        environment,
        "helicone",
        $"""
        Import requests logged by Helicone: tokens, Helicone's cost estimate, the user id and the custom
        properties as tags (Helicone-Property-Project: checkout → project=checkout). Never the bodies.
        Incremental: a re-run asks only for requests since the last one imported. The key is read from
        ${HeliconeApi.SecretVariable} (or --key-env / --key-file) and is never printed or stored.

        Examples:
          receipts import helicone
          receipts import helicone --since 2026-03-01 --api-url https://eu.api.helicone.ai
        """,
        HeliconeApi.SecretVariable,
        HeliconeApi.DefaultBaseUrl,
        HeliconeApi.Create,
        (client, _, usage, _, since, ct) => new HeliconeImporter(client, usage, environment.Time).ImportAsync(since, ct));
}
