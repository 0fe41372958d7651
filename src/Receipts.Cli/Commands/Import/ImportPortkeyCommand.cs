using System.CommandLine;
using Receipts.Sources.Portkey;

namespace Receipts.Cli.Commands.Import;

/// <summary><c>receipts import portkey</c>: request logs through a Portkey log export, metadata as tags.</summary>
internal static class ImportPortkeyCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var workspace = new Option<string?>("--workspace") { Description = "The Portkey workspace id (default: the key's workspace)", HelpName = "ID" };
        var costUnit = new Option<string>("--cost-unit")
        {
            Description = "The unit of Portkey's cost column: cents or dollars (default cents; Portkey does not document it)",
            DefaultValueFactory = _ => "cents",
        }.AcceptOnlyFromAmong("cents", "dollars");
        return GatewayImport.Create(
            environment,
            "portkey",
            $"""
            Import Portkey request logs through a log export (Enterprise): units, cost and the request metadata
            as tags (_user is the person). Only ids, times, units, cost and metadata are exported, never the
            request or response. Incremental: a re-run exports only what is new since the last one imported.
            The key is read from ${PortkeyApi.SecretVariable} (or --key-env / --key-file), never printed or stored.

            Examples:
              receipts import portkey
              receipts import portkey --workspace ws-payments --cost-unit dollars --since 2026-03-01
            """,
            PortkeyApi.SecretVariable,
            PortkeyApi.DefaultBaseUrl,
            PortkeyApi.Create,
            (client, parse, usage, _, since, ct) => new PortkeyImporter(client, usage, environment.Time, parse.GetValue(workspace), parse.GetValue(costUnit) != "dollars").ImportAsync(since, ct),
            workspace,
            costUnit);
    }
}
