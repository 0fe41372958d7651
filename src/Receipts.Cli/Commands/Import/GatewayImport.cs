using System.CommandLine;
using System.Globalization;
using Receipts.Domain.Storage;
using Receipts.Sources.Billing.Http;
using Receipts.Sources.Gateways;
using Spectre.Console;

namespace Receipts.Cli.Commands.Import;

/// <summary>
/// What the gateway and tool importers share (<c>cursor</c>, <c>copilot</c>, <c>litellm</c>, <c>helicone</c>, …):
/// <c>--since</c>, <c>--api-url</c>, <c>--key-env</c>/<c>--key-file</c>, <c>--json</c>; the secret read from its
/// variable or file (never printed); API errors as one line with a hint; the summary at the end.
/// </summary>
internal static class GatewayImport
{

    public static Option<string?> SinceOption() => new("--since")
    {
        Description = "Fetch from this UTC day or instant, YYYY-MM-DD or ISO 8601 (default: where the last import stopped, else 30 days ago)",
    };

    public static Command Create(
        CliEnvironment environment,
        string name,
        string description,
        string secretVariable,
        string defaultUrl,
        Func<BillingApiOptions, BillingApiClient> createClient,
        Func<BillingApiClient, ParseResult, IUsageStore, IBillingStore, DateTimeOffset?, CancellationToken, Task<SourceImportSummary>> run,
        params Option[] extra)
    {
        var since = SinceOption();
        var apiUrl = new Option<string>("--api-url") { Description = $"The API root (default {defaultUrl})", DefaultValueFactory = _ => defaultUrl };
        var keyEnv = new Option<string?>("--key-env") { Description = $"The environment variable holding the key (default {secretVariable})", HelpName = "VAR" };
        var keyFile = new Option<string?>("--key-file") { Description = $"Read the key from this file instead of ${secretVariable}", HelpName = "PATH" };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var command = new Command(name, description) { since, apiUrl, keyEnv, keyFile, json };
        foreach (var option in extra)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var variable = context.Get(keyEnv) ?? secretVariable;
            var (secret, from) = ReadSecret(environment, variable, context.Get(keyFile));
            var baseUrl = Url(context.Get(apiUrl), defaultUrl);
            var start = Since(context.Get(since));
            using var client = createClient(new BillingApiOptions { BaseUrl = baseUrl, Secret = secret, SecretName = from, Time = environment.Time });
            await using var store = await context.OpenStoreAsync(cancellationToken);
            var summary = await RunAsync(environment, name, () => run(client, parseResult, store, store, start, cancellationToken));
            Write(environment, context.Get(json), summary);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Runs an import with a spinner on a terminal, turning API errors into one line with a hint.</summary>
    public static async Task<SourceImportSummary> RunAsync(CliEnvironment environment, string name, Func<Task<SourceImportSummary>> run)
    {
        try
        {
            return environment.Interactive
                ? await environment.ErrorConsole().Status().StartAsync($"Fetching {name}…", _ => run())
                : await run();
        }
        catch (BillingApiException e)
        {
            throw new UserException(e.Message, e.Hint, e);
        }
    }

    public static void Write(CliEnvironment environment, bool json, SourceImportSummary summary) =>
        BillingSummaryOutput.Write(environment, json, new BillingSummary
        {
            Source = summary.Source,
            Rows = summary.TotalRows,
            From = summary.From,
            Until = summary.Until,
            Amounts = summary.Amounts,
            Identities = summary.Identities,
            Details = summary.Rows.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}: {r.Value:N0} rows")
                .Append(string.Create(CultureInfo.InvariantCulture, $"{summary.Requests:N0} requests"))
                .Concat(summary.Notes)
                .ToList(),
        });

    public static (string Secret, string From) ReadSecret(CliEnvironment environment, string variable, string? file)
    {
        if (file is not null)
        {
            var path = Path.GetFullPath(file, environment.WorkingDirectory);
            if (!File.Exists(path))
            {
                throw new UserException($"No such key file: {path}", $"Pass a file that holds only the key, or set {variable}.");
            }

            var fromFile = File.ReadAllText(path).Trim();
            return fromFile.Length > 0 ? (fromFile, path) : throw new UserException($"The key file {path} is empty.", $"Put the key in it, or set {variable}.");
        }

        return environment.GetVariable(variable) is { Length: > 0 } key
            ? (key.Trim(), variable)
            : throw new UserException($"{variable} is not set.", $"Export {variable}=<key>, or pass --key-env VAR or --key-file FILE.");
    }

    public static Uri Url(string? text, string defaultUrl) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new UserException($"--api-url '{text}' is not an http(s) URL.", $"Leave it out to use {defaultUrl}.");

    public static DateTimeOffset? Since(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : throw new UserException($"--since '{text}' is not a date.", "Write it as YYYY-MM-DD (UTC) or an ISO 8601 instant, e.g. 2026-03-01T12:00:00Z.");
    }
}
