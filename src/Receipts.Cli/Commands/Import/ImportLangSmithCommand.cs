using System.CommandLine;
using Receipts.Sources.LangSmith;

namespace Receipts.Cli.Commands.Import;

/// <summary><c>receipts import langsmith --project ID</c>: LLM runs with their metadata and cost.</summary>
internal static class ImportLangSmithCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var project = new Option<string[]>("--project")
        {
            Description = "A LangSmith project (session) id; repeat for several",
            Required = true,
            HelpName = "ID",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        return GatewayImport.Create(
            environment,
            "langsmith",
            $"""
            Import LangSmith LLM runs: tokens, LangSmith's cost estimate, model and provider, and the run
            metadata as tags. Inputs and outputs are never asked for. Incremental: a re-run asks only for
            runs since the last one imported. The key is read from ${LangSmithApi.SecretVariable}
            (or --key-env / --key-file) and is never printed or stored.

            Examples:
              receipts import langsmith --project 6f1c0c9e-4a5b-4b1e-9d55-2f1e3c4d5a6b
              receipts import langsmith --project ID1 --project ID2 --api-url https://eu.api.smith.langchain.com
            """,
            LangSmithApi.SecretVariable,
            LangSmithApi.DefaultBaseUrl,
            LangSmithApi.Create,
            (client, parse, usage, _, since, ct) => new LangSmithImporter(client, usage, environment.Time, parse.GetValue(project)!).ImportAsync(since, ct),
            project);
    }
}
