using System.Globalization;
using Receipts.Domain.Directory;
using YamlDotNet.RepresentationModel;

namespace Receipts.Sources.Configuration;

/// <summary>
/// Reads <c>sources:</c>, the list <c>receipts sync</c> runs:
/// <code>
/// sources:
///   - { kind: anthropic, key_env: ANTHROPIC_ADMIN_KEY, api_url: https://api.anthropic.com }
///   - { kind: focus, path: /exports/*.csv }
///   - { kind: bedrock-logs, path: /sync/AWSLogs/123456789012/BedrockModelInvocationLogs }
///   - { kind: github, repo: acme/payments }
///   - { kind: git, repo: ~/src/payments }
///   - { kind: claude-code }
///   - { kind: litellm, database_env: LITELLM_DATABASE_URL }
///   - { kind: cloudflare, account: abc123, gateway: prod }
/// </code>
/// Each kind accepts its own fields (<see cref="Fields"/>) plus <c>name</c>; an unknown kind or field, or a
/// missing required one, is an error naming the line. Secrets never go in the file: <c>key_env</c> names the
/// variable, <c>key_file</c> a file holding the key.
/// </summary>
public static class SourcesSection
{
    private static readonly string[] Api = ["key_env", "key_file", "api_url"];

    /// <summary>Every kind, its accepted fields and which of them are required.</summary>
    public static readonly IReadOnlyDictionary<string, (string[] Fields, string[] Required)> Fields =
        new Dictionary<string, (string[], string[])>(StringComparer.Ordinal)
        {
            ["claude-code"] = (["path"], []),
            ["codex"] = (["path"], []),
            ["git"] = (["repo", "branch"], ["repo"]),
            ["github"] = ([.. Api, "repo"], ["repo"]),
            ["gitlab"] = ([.. Api, "project"], ["project"]),
            ["jira"] = ([.. Api, "site", "project", "email_env"], ["site", "project"]),
            ["linear"] = ([.. Api, "team"], ["team"]),
            ["asana"] = ([.. Api, "project"], ["project"]),
            ["focus"] = (["path"], ["path"]),
            ["seats"] = (["path"], ["path"]),
            ["bedrock-logs"] = (["path"], ["path"]),
            ["anthropic"] = (Api, []),
            ["openai"] = (Api, []),
            ["cursor"] = (Api, []),
            ["copilot"] = ([.. Api, "org", "business_price", "enterprise_price"], ["org"]),
            ["litellm"] = ([.. Api, "database_env", "database_file"], []),
            ["helicone"] = (Api, []),
            ["portkey"] = ([.. Api, "workspace", "cost_unit"], []),
            ["openrouter"] = (Api, []),
            ["langsmith"] = ([.. Api, "projects"], ["projects"]),
            ["cloudflare"] = ([.. Api, "account", "gateway"], ["account", "gateway"]),
        };

    internal static IReadOnlyList<SourceConfig> Read(YamlMap root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var sources = new List<SourceConfig>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in root.MapList("sources"))
        {
            var kind = entry.String("kind") ?? throw entry.Error(entry.Line, entry.Dotted("kind"), "missing: which source this is (" + string.Join(", ", Fields.Keys) + ")");
            if (!Fields.TryGetValue(kind, out var spec))
            {
                throw entry.Error(entry.LineOf("kind"), entry.Dotted("kind"), $"unknown source kind '{kind}' (known: {string.Join(", ", Fields.Keys)})");
            }

            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var field in spec.Fields)
            {
                var values = entry.StringList(field);
                if (values.Count > 0)
                {
                    settings[field] = string.Join(',', values);
                }
            }

            foreach (var required in spec.Required.Where(r => !settings.ContainsKey(r)))
            {
                throw entry.Error(entry.Line, entry.Dotted(required), $"missing: a {kind} source needs {required}");
            }

            if (settings.TryGetValue("api_url", out var url) && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"))
            {
                throw entry.Error(entry.LineOf("api_url"), entry.Dotted("api_url"), $"'{url}' is not an http(s) URL");
            }

            foreach (var money in new[] { "business_price", "enterprise_price" })
            {
                if (settings.TryGetValue(money, out var text) && !decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
                {
                    throw entry.Error(entry.LineOf(money), entry.Dotted(money), $"'{text}' is not an amount");
                }
            }

            var name = entry.String("name") ?? kind;
            if (!names.Add(name))
            {
                if (entry.String("name") is not null)
                {
                    throw entry.Error(entry.LineOf("name"), entry.Dotted("name"), $"another source is already named '{name}'");
                }

                name = $"{kind}#{sources.Count(s => s.Kind == kind) + 1}";
                names.Add(name);
            }

            entry.RejectUnknown();
            sources.Add(new SourceConfig(kind, name, entry.Line, settings));
        }

        return sources;
    }
}
