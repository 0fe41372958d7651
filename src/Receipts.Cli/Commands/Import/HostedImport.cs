using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Receipts.Domain.Storage;
using Receipts.Sources.Http;

namespace Receipts.Cli.Commands.Import;

/// <summary>
/// What the hosted imports (github, gitlab, jira, linear, asana) share: the token options, the store as an
/// <see cref="IOutcomeStore"/>, the error mapping and the summary line. Commands stay thin: parse, call, render.
/// </summary>
internal static class HostedImport
{
    public static Option<string?> TokenEnvOption(string defaultVariable) => new("--token-env")
    {
        Description = $"The environment variable holding the token (default: {defaultVariable})",
        HelpName = "VAR",
    };

    public static Option<string?> TokenFileOption() => new("--token-file")
    {
        Description = "Read the token from this file instead of the environment",
        HelpName = "PATH",
    };

    public static Option<string?> ApiUrlOption(string description) => new("--api-url")
    {
        Description = description,
        HelpName = "URL",
    };

    public static Option<bool> JsonOption() => new("--json")
    {
        Description = "Print the summary as JSON",
    };

    /// <summary>The token from --token-file, else --token-env, else the default variable; never printed.</summary>
    public static Secret ReadSecret(CommandContext context, Option<string?> tokenFile, Option<string?> tokenEnv, string defaultVariable, string service, string hint)
    {
        var variable = context.Get(tokenEnv) is { Length: > 0 } chosen ? chosen : defaultVariable;
        try
        {
            return Secret.Read(context.Get(tokenFile), variable, context.Environment.GetVariable, service, hint);
        }
        catch (SourceException e)
        {
            throw new UserException(e.Message, e.Hint, e);
        }
    }

    /// <summary>An absolute http(s) URL from an option, or the default.</summary>
    public static Uri Url(string? value, Uri fallback, string option)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) && url.Scheme is "https" or "http"
            ? url
            : throw new UserException($"{option} '{value}' is not an http(s) URL.", $"Pass a full URL, for example {option} {fallback}");
    }

    /// <summary>Opens the store, runs the import and prints what it did; a source failure becomes one user-facing error.</summary>
    public static async Task<int> RunAsync(
        CommandContext context,
        Option<bool> json,
        ApiClientOptions clientOptions,
        Func<ApiClient, IOutcomeStore, CancellationToken, Task<ImportSummary>> import,
        CancellationToken cancellationToken)
    {
        await using var store = await context.OpenStoreAsync(cancellationToken);
        var outcomes = AsOutcomeStore(store);
        using var client = new ApiClient(clientOptions);
        ImportSummary summary;
        try
        {
            summary = await import(client, outcomes, cancellationToken);
        }
        catch (SourceException e)
        {
            throw new UserException(e.Message, e.Hint, e);
        }

        await WriteSummaryAsync(context.Environment, summary, context.Get(json));
        return ExitCodes.Ok;
    }

    /// <summary>The embedded store as the outcome store; it implements <see cref="IOutcomeStore"/> once the outcome tables are in.</summary>
    private static IOutcomeStore AsOutcomeStore(object store) =>
        store as IOutcomeStore ?? throw new UserException(
            "This build's store cannot hold outcomes yet (no outcome tables).",
            "Update receipts to a build with the outcome store, then run the import again.");

    private static async Task WriteSummaryAsync(CliEnvironment environment, ImportSummary summary, bool json)
    {
        if (json)
        {
            await environment.Out.WriteLineAsync(JsonSerializer.Serialize(new
            {
                source = summary.Source,
                scope = summary.Scope,
                changes = summary.Changes,
                ticketEvents = summary.TicketEvents,
                notModified = summary.NotModified,
                requests = summary.Requests,
                retries = summary.Retries,
                waitedSeconds = Math.Round(summary.Waited.TotalSeconds, 1),
            }));
            return;
        }

        var traffic = string.Create(CultureInfo.InvariantCulture, $"{summary.Requests} requests")
            + (summary.Retries > 0 ? string.Create(CultureInfo.InvariantCulture, $", {summary.Retries} retries") : string.Empty)
            + (summary.Waited > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $", waited {summary.Waited.TotalSeconds:0} s for rate limits and backoff") : string.Empty)
            + (summary.NotModified > 0 ? string.Create(CultureInfo.InvariantCulture, $", {summary.NotModified} lists unchanged since last run") : string.Empty);
        await environment.Out.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"Imported {summary.Scope} from {summary.Source}: {summary.Changes} merged changes, {summary.TicketEvents} ticket events ({traffic})."));
    }
}
