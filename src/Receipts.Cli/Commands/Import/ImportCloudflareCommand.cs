using System.CommandLine;
using Receipts.Sources.Cloudflare;

namespace Receipts.Cli.Commands.Import;

/// <summary><c>receipts import cloudflare --account ID --gateway ID</c>: one AI Gateway's logs.</summary>
internal static class ImportCloudflareCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var account = new Option<string>("--account") { Description = "The Cloudflare account id", Required = true, HelpName = "ID" };
        var gateway = new Option<string>("--gateway") { Description = "The AI Gateway id", Required = true, HelpName = "ID" };
        return GatewayImport.Create(
            environment,
            "cloudflare",
            $"""
            Import a Cloudflare AI Gateway's logs: tokens in/out, the gateway's cost estimate and the
            cf-aig-metadata entries as tags (a user or email entry is the person). Never the bodies.
            Incremental: a re-run asks only for logs since the last one imported. The API token (AI Gateway
            Read) is read from ${CloudflareApi.SecretVariable} (or --key-env / --key-file), never printed or stored.

            Examples:
              receipts import cloudflare --account 0123abcd --gateway prod
              receipts import cloudflare --account 0123abcd --gateway prod --since 2026-03-01 --json
            """,
            CloudflareApi.SecretVariable,
            CloudflareApi.DefaultBaseUrl,
            CloudflareApi.Create,
            (client, parse, usage, _, since, ct) => new CloudflareImporter(client, usage, environment.Time, parse.GetValue(account)!, parse.GetValue(gateway)!).ImportAsync(since, ct),
            account,
            gateway);
    }
}
