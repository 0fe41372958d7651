using System.CommandLine;
using System.Globalization;
using Receipts.Domain.Storage;
using Receipts.Sources.Billing;
using Receipts.Sources.Billing.Http;
using Spectre.Console;

namespace Receipts.Cli.Commands.Import;

/// <summary>
/// What the billing API importers share: <c>--since</c>/<c>--until</c>/<c>--api-url</c>/<c>--key-file</c>/<c>--json</c>,
/// the secret read from its environment variable or a file (never printed), errors turned into one line with
/// a hint, and the summary at the end.
/// </summary>
internal static class ApiBillingImport
{
    public delegate Task<BillingImportSummary> Run(BillingApiClient client, IBillingStore store, TimeProvider time, DateOnly? since, DateOnly? until, CancellationToken cancellationToken);

    public static Command Create(
        CliEnvironment environment,
        string name,
        string description,
        string secretVariable,
        string defaultUrl,
        Func<BillingApiOptions, BillingApiClient> createClient,
        Run run)
    {
        var since = new Option<string?>("--since") { Description = "First UTC day to fetch, YYYY-MM-DD (default: the last import's day minus 3, else 30 days ago)" };
        var until = new Option<string?>("--until") { Description = "Day after the last one to fetch, YYYY-MM-DD (default: tomorrow, UTC)" };
        var apiUrl = new Option<string>("--api-url") { Description = $"The API root (default {defaultUrl})", DefaultValueFactory = _ => defaultUrl };
        var keyFile = new Option<string?>("--key-file") { Description = $"Read the admin key from this file instead of ${secretVariable}" };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var command = new Command(name, description);
        command.Options.Add(since);
        command.Options.Add(until);
        command.Options.Add(apiUrl);
        command.Options.Add(keyFile);
        command.Options.Add(json);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var secret = ReadSecret(environment, secretVariable, context.Get(keyFile));
            if (!Uri.TryCreate(context.Get(apiUrl), UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            {
                throw new UserException($"--api-url '{context.Get(apiUrl)}' is not an http(s) URL.", $"Leave it out to use {defaultUrl}.");
            }

            var from = Day(context.Get(since), "--since");
            var to = Day(context.Get(until), "--until");
            using var client = createClient(new BillingApiOptions
            {
                BaseUrl = baseUrl,
                Secret = secret,
                SecretName = context.Get(keyFile) is { } file ? file : secretVariable,
                Time = environment.Time,
            });
            await using var store = await context.OpenStoreAsync(cancellationToken);
            BillingImportSummary summary;
            try
            {
                summary = environment.Interactive
                    ? await environment.ErrorConsole().Status().StartAsync($"Fetching {name} billing…", _ => run(client, store, environment.Time, from, to, cancellationToken))
                    : await run(client, store, environment.Time, from, to, cancellationToken);
            }
            catch (BillingApiException e)
            {
                throw new UserException(e.Message, e.Hint, e);
            }

            var amounts = summary.Billed.ToDictionary(a => a.Key + " billed", a => a.Value);
            foreach (var (currency, amount) in summary.Estimated)
            {
                amounts[currency + " estimated"] = amount;
            }

            BillingSummaryOutput.Write(environment, context.Get(json), new BillingSummary
            {
                Source = name,
                Rows = summary.TotalRows,
                From = summary.From,
                Until = summary.Until,
                Amounts = amounts,
                Replaced = summary.Replaced,
                Identities = summary.Identities,
                Details = summary.Rows.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}: {r.Value:N0} rows")
                    .Append($"{summary.Requests:N0} requests")
                    .Concat(summary.OutsideWindow > 0 ? [$"{summary.OutsideWindow:N0} rows outside the window left out"] : [])
                    .ToList(),
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string ReadSecret(CliEnvironment environment, string variable, string? file)
    {
        if (file is not null)
        {
            var path = Path.GetFullPath(file, environment.WorkingDirectory);
            if (!File.Exists(path))
            {
                throw new UserException($"No such key file: {path}", $"Pass a file that holds only the admin key, or set {variable}.");
            }

            var fromFile = File.ReadAllText(path).Trim();
            return fromFile.Length > 0 ? fromFile : throw new UserException($"The key file {path} is empty.", $"Put the admin key in it, or set {variable}.");
        }

        return environment.GetVariable(variable) is { Length: > 0 } key
            ? key.Trim()
            : throw new UserException($"{variable} is not set.", $"Export {variable}=<admin key> (an organisation admin key), or pass --key-file FILE.");
    }

    private static DateOnly? Day(string? text, string option) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new UserException($"{option} '{text}' is not a date.", "Write it as YYYY-MM-DD, e.g. 2026-03-01.");
}
