using System.CommandLine;
using Receipts.Sources.Anthropic;

namespace Receipts.Cli.Commands.Import;

/// <summary><c>receipts import anthropic</c>: the Anthropic Admin API's usage, cost and Claude Code reports.</summary>
internal static class ImportAnthropicCommand
{
    public static Command Create(CliEnvironment environment) => ApiBillingImport.Create(
        environment,
        "anthropic",
        $"""
        Import Anthropic billing from the Admin API: the usage report (tokens per day, API key, workspace, model),
        the cost report (billed dollars per day and workspace), the Claude Code report (per person per day, estimated)
        and the API key and workspace names and tags. Incremental: a re-run fetches from the last import's day minus 3;
        a re-fetched period replaces what was stored for it. The admin key is read from ${AnthropicAdminApi.SecretVariable}
        or --key-file and is never printed or stored.

        Examples:
          receipts import anthropic
          receipts import anthropic --since 2026-03-01 --until 2026-04-01
          receipts import anthropic --key-file ~/.config/receipts/anthropic-admin-key --json
        """,
        AnthropicAdminApi.SecretVariable,
        AnthropicAdminApi.DefaultBaseUrl,
        AnthropicAdminApi.Create,
        (client, store, time, since, until, ct) => new AnthropicBillingImporter(client, store, time).ImportAsync(since, until, ct));
}
