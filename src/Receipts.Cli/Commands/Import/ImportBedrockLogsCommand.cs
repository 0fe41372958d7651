using System.CommandLine;
using System.Globalization;
using Receipts.Sources.Bedrock;

namespace Receipts.Cli.Commands.Import;

/// <summary><c>receipts import bedrock-logs PATH...</c>: AWS Bedrock model invocation logs.</summary>
internal static class ImportBedrockLogsCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Log files (.json, .jsonl, .json.gz) or folders holding them, e.g. a synced AWSLogs/<account>/BedrockModelInvocationLogs/ tree",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command(
            "bedrock-logs",
            """
            Import AWS Bedrock model invocation logs as usage: one record per invocation with its tokens, model, caller ARN,
            account, region and per-request metadata (requestMetadata) as tags. Prompt and response bodies are never stored.
            Files unchanged since the last import are skipped; re-importing changes nothing.

            Examples:
              aws s3 sync s3://my-bedrock-logs/AWSLogs/123456789012/BedrockModelInvocationLogs/ ./bedrock-logs
              receipts import bedrock-logs ./bedrock-logs
            """);
        command.Arguments.Add(paths);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var full = context.Get(paths)!.Select(p => Path.GetFullPath(p, environment.WorkingDirectory)).ToList();
            foreach (var missing in full.Where(p => !File.Exists(p) && !Directory.Exists(p)))
            {
                throw new UserException($"No such file or folder: {missing}", "Pass log files or the folder they were synced to.");
            }

            await using var store = await context.OpenStoreAsync(cancellationToken);
            var summary = await new BedrockLogImporter(store).ImportAsync(full, cancellationToken);
            foreach (var skipped in context.Verbose ? summary.Skipped : summary.Skipped.Take(5))
            {
                await environment.Error.WriteLineAsync($"skipped {skipped}");
            }

            var period = summary.From is { } from && summary.Until is { } until
                ? string.Create(CultureInfo.InvariantCulture, $"; {from.UtcDateTime:yyyy-MM-dd HH:mm} – {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC.")
                : ".";
            await environment.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{summary.Files:N0} files ({summary.UnchangedFiles:N0} unchanged), {summary.Records:N0} invocations, {summary.Inserted:N0} new, {summary.Unchanged:N0} already stored, {summary.WithoutTokens:N0} without tokens, {summary.Skipped.Count:N0} lines skipped{period}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
