using System.CommandLine;
using Receipts.Sources.Cursor;

namespace Receipts.Cli.Commands.Import;

/// <summary><c>receipts import cursor</c>: a Cursor team's members, daily usage, spend and usage events.</summary>
internal static class ImportCursorCommand
{
    public static Command Create(CliEnvironment environment) => GatewayImport.Create(
        environment,
        "cursor",
        $"""
        Import a Cursor team from the Admin API: members, daily usage per person, this cycle's spend per member
        (billed, from cents) and every usage event (tokens and cost: token cost plus Cursor's fee). Incremental:
        a re-run asks only for events since the last one imported; this cycle's spend replaces its last snapshot.
        The admin key is read from ${CursorAdminApi.SecretVariable} (or --key-env / --key-file), never printed or stored.
        Cursor allows about 20 requests a minute: rate limits are waited out.

        Examples:
          receipts import cursor
          receipts import cursor --since 2026-03-01 --json
        """,
        CursorAdminApi.SecretVariable,
        CursorAdminApi.DefaultBaseUrl,
        CursorAdminApi.Create,
        (client, _, usage, billing, since, ct) => new CursorImporter(client, billing, usage, environment.Time).ImportAsync(since, ct));
}
