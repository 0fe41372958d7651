using System.CommandLine;
using Receipts.Sources.OpenAi;

namespace Receipts.Cli.Commands.Import;

/// <summary><c>receipts import openai</c>: the OpenAI Admin API's costs and usage.</summary>
internal static class ImportOpenAiCommand
{
    public static Command Create(CliEnvironment environment) => ApiBillingImport.Create(
        environment,
        "openai",
        $"""
        Import OpenAI billing from the Admin API: costs (billed dollars per day, project and line item), usage
        (completions, embeddings, moderations, images, audio, vector stores, code interpreter; tokens and requests per day,
        project, user, API key and model) and the project and API key names. Incremental: a re-run fetches from the last
        import's day minus 3; a re-fetched period replaces what was stored for it. The admin key is read from
        ${OpenAiAdminApi.SecretVariable} or --key-file and is never printed or stored.

        Examples:
          receipts import openai
          receipts import openai --since 2026-03-01 --until 2026-04-01 --json
        """,
        OpenAiAdminApi.SecretVariable,
        OpenAiAdminApi.DefaultBaseUrl,
        OpenAiAdminApi.Create,
        (client, store, time, since, until, ct) => new OpenAiBillingImporter(client, store, time).ImportAsync(since, until, ct));
}
