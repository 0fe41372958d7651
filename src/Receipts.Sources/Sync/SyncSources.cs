using System.Globalization;
using Receipts.Domain.Directory;
using Receipts.Sources.Anthropic;
using Receipts.Sources.Asana;
using Receipts.Sources.Bedrock;
using Receipts.Sources.Billing;
using Receipts.Sources.Billing.Http;
using Receipts.Sources.ClaudeCode;
using Receipts.Sources.Cloudflare;
using Receipts.Sources.Codex;
using Receipts.Sources.Context;
using Receipts.Sources.Copilot;
using Receipts.Sources.Cursor;
using Receipts.Sources.Focus;
using Receipts.Sources.Gateways;
using Receipts.Sources.Git;
using Receipts.Sources.GitHub;
using Receipts.Sources.GitLab;
using Receipts.Sources.Helicone;
using Receipts.Sources.Http;
using Receipts.Sources.Jira;
using Receipts.Sources.LangSmith;
using Receipts.Sources.Linear;
using Receipts.Sources.LiteLlm;
using Receipts.Sources.OpenAi;
using Receipts.Sources.OpenRouter;
using Receipts.Sources.Portkey;
using Receipts.Sources.Seats;

namespace Receipts.Sources.Sync;

/// <summary>
/// Maps each <c>sources:</c> kind to its importer, called as a service with the entry's settings (the same
/// classes <c>receipts import &lt;kind&gt;</c> uses), and turns its own summary into a <see cref="SyncSourceResult"/>.
/// </summary>
internal static class SyncSources
{
    public static Task<SyncSourceResult> RunAsync(SourceConfig source, SyncContext context, CancellationToken cancellationToken) => source.Kind switch
    {
        "anthropic" => BillingAsync(source, context, AnthropicAdminApi.DefaultBaseUrl, AnthropicAdminApi.SecretVariable, AnthropicAdminApi.Create,
            api => new AnthropicBillingImporter(api, context.Billing, context.Time).ImportAsync(null, null, cancellationToken)),
        "openai" => BillingAsync(source, context, OpenAiAdminApi.DefaultBaseUrl, OpenAiAdminApi.SecretVariable, OpenAiAdminApi.Create,
            api => new OpenAiBillingImporter(api, context.Billing, context.Time).ImportAsync(null, null, cancellationToken)),
        "cursor" => GatewayAsync(source, context, CursorAdminApi.DefaultBaseUrl, CursorAdminApi.SecretVariable, CursorAdminApi.Create,
            api => new CursorImporter(api, context.Billing, context.Usage, context.Time).ImportAsync(null, cancellationToken)),
        "copilot" => GatewayAsync(source, context, CopilotApi.DefaultBaseUrl, CopilotApi.SecretVariable, CopilotApi.Create,
            api => new CopilotImporter(api, context.Billing, context.Time, source.Get("org")!, Prices(source)).ImportAsync(null, cancellationToken)),
        "helicone" => GatewayAsync(source, context, HeliconeApi.DefaultBaseUrl, HeliconeApi.SecretVariable, HeliconeApi.Create,
            api => new HeliconeImporter(api, context.Usage, context.Time).ImportAsync(null, cancellationToken)),
        "portkey" => GatewayAsync(source, context, PortkeyApi.DefaultBaseUrl, PortkeyApi.SecretVariable, PortkeyApi.Create,
            api => new PortkeyImporter(api, context.Usage, context.Time, source.Get("workspace"), source.Get("cost_unit") != "dollars").ImportAsync(null, cancellationToken)),
        "openrouter" => GatewayAsync(source, context, OpenRouterApi.DefaultBaseUrl, OpenRouterApi.SecretVariable, OpenRouterApi.Create,
            api => new OpenRouterImporter(api, context.Usage, context.Time).ImportAsync(null, cancellationToken)),
        "langsmith" => GatewayAsync(source, context, LangSmithApi.DefaultBaseUrl, LangSmithApi.SecretVariable, LangSmithApi.Create,
            api => new LangSmithImporter(api, context.Usage, context.Time, source.Get("projects")!.Split(',')).ImportAsync(null, cancellationToken)),
        "cloudflare" => GatewayAsync(source, context, CloudflareApi.DefaultBaseUrl, CloudflareApi.SecretVariable, CloudflareApi.Create,
            api => new CloudflareImporter(api, context.Usage, context.Time, source.Get("account")!, source.Get("gateway")!).ImportAsync(null, cancellationToken)),
        "litellm" => LiteLlmAsync(source, context, cancellationToken),
        "focus" => FocusAsync(source, context, cancellationToken),
        "seats" => SeatsAsync(source, context, cancellationToken),
        "bedrock-logs" => BedrockLogsAsync(source, context, cancellationToken),
        "claude-code" => ClaudeCodeAsync(source, context, cancellationToken),
        "codex" => CodexAsync(source, context, cancellationToken),
        "git" => GitAsync(source, context, cancellationToken),
        "github" => HostedAsync(source, context, GitHubApi.TokenVariable, GitHubApi.ClientOptions,
            api => new GitHubImporter(api, new GitHubImportOptions { Repository = source.Get("repo")!, ApiUrl = Url(source, GitHubImportOptions.DefaultApiUrl) }).ImportAsync(context.Outcomes, cancellationToken)),
        "gitlab" => HostedAsync(source, context, GitLabApi.TokenVariable, GitLabApi.ClientOptions,
            api => new GitLabImporter(api, new GitLabImportOptions { Project = source.Get("project")!, ApiUrl = Url(source, GitLabImportOptions.DefaultApiUrl) }).ImportAsync(context.Outcomes, cancellationToken)),
        "linear" => HostedAsync(source, context, LinearApi.TokenVariable, LinearApi.ClientOptions,
            api => new LinearImporter(api, new LinearImportOptions { Team = source.Get("team")!, ApiUrl = Url(source, LinearImportOptions.DefaultApiUrl) }).ImportAsync(context.Outcomes, cancellationToken)),
        "asana" => HostedAsync(source, context, AsanaApi.TokenVariable, AsanaApi.ClientOptions,
            api => new AsanaImporter(api, new AsanaImportOptions { Project = source.Get("project")!, ApiUrl = Url(source, AsanaImportOptions.DefaultApiUrl) }).ImportAsync(context.Outcomes, cancellationToken)),
        "jira" => JiraAsync(source, context, cancellationToken),
        _ => throw new SyncConfigurationException($"{source.Name}: unknown source kind '{source.Kind}'."),
    };

    private static BillingApiOptions Options(SourceConfig source, SyncContext context, string defaultUrl, string variable)
    {
        var (secret, from) = SyncSecrets.Read(source, context, variable);
        return new BillingApiOptions
        {
            BaseUrl = new Uri(source.Get("api_url") ?? defaultUrl),
            Secret = secret,
            SecretName = from,
            MaxRetries = context.MaxRetries,
            Time = context.Time,
        };
    }

    private static async Task<SyncSourceResult> BillingAsync(
        SourceConfig source, SyncContext context, string defaultUrl, string variable, Func<BillingApiOptions, BillingApiClient> create, Func<BillingApiClient, Task<BillingImportSummary>> run)
    {
        using var api = create(Options(source, context, defaultUrl, variable));
        var summary = await run(api);
        var amounts = summary.Billed.ToDictionary(a => a.Key + " billed", a => a.Value);
        foreach (var (currency, amount) in summary.Estimated)
        {
            amounts[currency + " estimated"] = amount;
        }

        return new SyncSourceResult
        {
            Name = source.Name,
            Kind = source.Kind,
            Rows = summary.TotalRows,
            From = summary.From,
            Until = summary.Until,
            Amounts = amounts,
            Requests = summary.Requests,
        };
    }

    private static async Task<SyncSourceResult> GatewayAsync(
        SourceConfig source, SyncContext context, string defaultUrl, string variable, Func<BillingApiOptions, BillingApiClient> create, Func<BillingApiClient, Task<SourceImportSummary>> run)
    {
        using var api = create(Options(source, context, defaultUrl, variable));
        return From(source, await run(api));
    }

    public static SyncSourceResult From(SourceConfig source, SourceImportSummary summary) => new()
    {
        Name = source.Name,
        Kind = source.Kind,
        Rows = summary.TotalRows,
        From = summary.From,
        Until = summary.Until,
        Amounts = summary.Amounts,
        Requests = summary.Requests,
        Notes = summary.Notes,
    };

    private static async Task<SyncSourceResult> LiteLlmAsync(SourceConfig source, SyncContext context, CancellationToken cancellationToken)
    {
        if (source.Get("database_env") is not null || source.Get("database_file") is not null || source.Get("api_url") is null)
        {
            var (connection, _) = SyncSecrets.Read(source, context, LiteLlmDatabaseImporter.SecretVariable, "database_file", "database_env");
            return From(source, await new LiteLlmDatabaseImporter(connection, context.Usage, context.Time).ImportAsync(null, cancellationToken));
        }

        return await GatewayAsync(source, context, LiteLlmApi.DefaultBaseUrl, LiteLlmApi.SecretVariable, LiteLlmApi.Create,
            api => new LiteLlmHttpImporter(api, context.Usage, context.Time).ImportAsync(null, cancellationToken));
    }

    private static async Task<SyncSourceResult> FocusAsync(SourceConfig source, SyncContext context, CancellationToken cancellationToken)
    {
        var files = source.Get("path")!.Split(',').SelectMany(p => SyncPaths.Glob(p, context)).Distinct(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new SyncConfigurationException($"{source.Name}: no file matches {source.Get("path")}.", "Check path: in receipts.yaml (wildcards like /exports/*.csv are allowed in the file name).");
        }

        FocusImportSummary summary;
        try
        {
            summary = await new FocusImporter(context.Billing, context.Time).ImportAsync(files, null, cancellationToken);
        }
        catch (FocusFormatException e)
        {
            throw new SyncConfigurationException($"{source.Name}: {e.Errors[0]}; nothing was imported.", "Fix the rows named (file:line:column), or run receipts import focus on the file for all errors.");
        }

        return new SyncSourceResult
        {
            Name = source.Name,
            Kind = source.Kind,
            Rows = summary.Rows,
            From = summary.From,
            Until = summary.Until,
            Amounts = summary.Amounts,
            Notes = [string.Create(CultureInfo.InvariantCulture, $"{files.Count} files")],
        };
    }

    /// <summary>
    /// Bedrock invocation logs from folders or files (a synced <c>AWSLogs/…/BedrockModelInvocationLogs</c> tree); each
    /// file is read once, until it changes, so a re-run with nothing new reads nothing.
    /// </summary>
    private static async Task<SyncSourceResult> BedrockLogsAsync(SourceConfig source, SyncContext context, CancellationToken cancellationToken)
    {
        var paths = new List<string>();
        foreach (var pattern in source.Get("path")!.Split(','))
        {
            var full = SyncPaths.Resolve(pattern, context);
            var matches = Path.GetFileName(full).IndexOfAny(['*', '?']) >= 0 ? SyncPaths.Glob(pattern, context)
                : File.Exists(full) || Directory.Exists(full) ? [full]
                : [];
            if (matches.Count == 0)
            {
                throw new SyncConfigurationException($"{source.Name}: no such file or folder {pattern}.", "Point path: in receipts.yaml at the folder the logs are synced to (aws s3 sync s3://BUCKET/AWSLogs/ACCOUNT/BedrockModelInvocationLogs/ DIR).");
            }

            paths.AddRange(matches);
        }

        var summary = await new BedrockLogImporter(context.Usage).ImportAsync(paths.Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{summary.Files} files ({summary.UnchangedFiles} unchanged), {summary.Inserted} new"),
        };
        if (summary.Skipped.Count > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{summary.Skipped.Count} lines skipped, first {summary.Skipped[0]}"));
        }

        return new SyncSourceResult
        {
            Name = source.Name,
            Kind = source.Kind,
            Rows = summary.Records,
            From = summary.From,
            Until = summary.Until,
            Notes = notes,
        };
    }

    private static async Task<SyncSourceResult> SeatsAsync(SourceConfig source, SyncContext context, CancellationToken cancellationToken)
    {
        var seats = SeatsCsv.Read(SyncPaths.Resolve(source.Get("path")!, context));
        var added = await context.Billing.WriteSeatsAsync(seats, cancellationToken);
        return new SyncSourceResult
        {
            Name = source.Name,
            Kind = source.Kind,
            Rows = seats.Count,
            Notes = [string.Create(CultureInfo.InvariantCulture, $"{added} new seats")],
        };
    }

    private static async Task<SyncSourceResult> ClaudeCodeAsync(SourceConfig source, SyncContext context, CancellationToken cancellationToken)
    {
        var roots = source.Get("path") is { } path
            ? path.Split(',').Select(p => ClaudeCodeRoots.ScanDirectory(SyncPaths.Resolve(p, context)) ?? throw new SyncConfigurationException($"{source.Name}: no such folder {p}.")).ToList()
            : ClaudeCodeRoots.Candidates(context.GetVariable, context.HomeDirectory).Select(ClaudeCodeRoots.ProjectsDirectory).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (roots.Count == 0)
        {
            throw new SyncConfigurationException($"{source.Name}: no Claude Code data found on this machine.", "Set path: on the source, or CLAUDE_CONFIG_DIR.");
        }

        return Local(source, await new ClaudeCodeImporter(context.Usage, new UsageImportOptions()).ImportAsync(roots, null, cancellationToken));
    }

    private static async Task<SyncSourceResult> CodexAsync(SourceConfig source, SyncContext context, CancellationToken cancellationToken)
    {
        var home = source.Get("path") is { } path ? SyncPaths.Resolve(path, context) : CodexRoots.Home(context.GetVariable, context.HomeDirectory);
        var folders = CodexRoots.SessionDirectories(home, acceptPlainFolder: source.Get("path") is not null);
        if (folders.Count == 0)
        {
            throw new SyncConfigurationException($"{source.Name}: no Codex sessions under {home}.", "Set path: on the source, or CODEX_HOME.");
        }

        return Local(source, await new CodexImporter(context.Usage, new UsageImportOptions()).ImportAsync(folders, null, cancellationToken));
    }

    private static SyncSourceResult Local(SourceConfig source, Context.ImportSummary summary) => new()
    {
        Name = source.Name,
        Kind = source.Kind,
        Rows = summary.Records,
        Notes = [string.Create(CultureInfo.InvariantCulture, $"{summary.FilesRead} of {summary.FilesFound} files read, {summary.LinesSkipped} lines skipped")],
    };

    private static async Task<SyncSourceResult> GitAsync(SourceConfig source, SyncContext context, CancellationToken cancellationToken)
    {
        var result = await new GitImporter(context.Outcomes).ImportAsync(SyncPaths.Resolve(source.Get("repo")!, context), source.Get("branch"), null, cancellationToken);
        return new SyncSourceResult
        {
            Name = source.Name,
            Kind = source.Kind,
            Rows = result.Changes,
            Notes = [$"{result.Repo} {result.Branch} at {result.Head[..Math.Min(12, result.Head.Length)]}"],
        };
    }

    private static async Task<SyncSourceResult> HostedAsync(
        SourceConfig source, SyncContext context, string variable, Func<Secret, TimeProvider, ApiClientOptions> options, Func<ApiClient, Task<Http.ImportSummary>> run)
    {
        var (token, from) = SyncSecrets.Read(source, context, variable);
        using var api = new ApiClient(options(new Secret(token, $"the token in {from}"), context.Time) with { MaxRetries = context.MaxRetries });
        var summary = await run(api);
        return new SyncSourceResult
        {
            Name = source.Name,
            Kind = source.Kind,
            Rows = summary.Changes + summary.TicketEvents,
            Requests = summary.Requests,
            Notes = summary.NotModified > 0 ? [string.Create(CultureInfo.InvariantCulture, $"{summary.NotModified} lists unchanged since last run")] : [],
        };
    }

    private static Task<SyncSourceResult> JiraAsync(SourceConfig source, SyncContext context, CancellationToken cancellationToken)
    {
        var email = context.GetVariable(source.Get("email_env") ?? JiraApi.EmailVariable);
        if (string.IsNullOrWhiteSpace(email))
        {
            throw new SyncConfigurationException($"{source.Name}: {source.Get("email_env") ?? JiraApi.EmailVariable} is not set (the Jira account's email).");
        }

        return HostedAsync(source, context, JiraApi.TokenVariable, (token, time) => JiraApi.ClientOptions(email, token, time),
            api => new JiraImporter(api, new JiraImportOptions { Site = new Uri(source.Get("site")!), Project = source.Get("project")! }).ImportAsync(context.Outcomes, cancellationToken));
    }

    private static CopilotPlanPrices Prices(SourceConfig source)
    {
        var prices = new CopilotPlanPrices();
        if (source.Get("business_price") is { } business)
        {
            prices = prices with { Business = decimal.Parse(business, NumberStyles.Number, CultureInfo.InvariantCulture) };
        }

        if (source.Get("enterprise_price") is { } enterprise)
        {
            prices = prices with { Enterprise = decimal.Parse(enterprise, NumberStyles.Number, CultureInfo.InvariantCulture) };
        }

        return prices;
    }

    private static Uri Url(SourceConfig source, Uri fallback) => source.Get("api_url") is { } url ? new Uri(url) : fallback;
}
