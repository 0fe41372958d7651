using System.Text.RegularExpressions;

namespace Receipts.Sources.Bedrock;

/// <summary>
/// Recognises an AWS Bedrock charge in a FOCUS (or CUR) line and recovers the model it was for, so the line lands
/// in the same reconciliation cell as the invocation-log records of the same account, UTC day and model.
/// The model comes from, in order: the line's resource when it is a foundation-model or system inference-profile
/// ARN (<c>arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0</c>,
/// <c>…:inference-profile/us.anthropic.claude-…</c>), a bare model id in the usage type or SKU, the Claude name in
/// a CUR usage type (<c>USE1-Claude4.6Sonnet-input-tokens</c> → <c>claude-sonnet-4-6</c>), or the Claude name in
/// the service or description (<c>Claude Sonnet 4.5 (Amazon Bedrock Edition)</c> → <c>claude-sonnet-4-5</c>).
/// The result is in the form the logs importer stores (<see cref="BedrockLogImporter.ModelOf"/>: no ARN, no
/// geography prefix), and the price book folds both forms to one canonical model.
/// </summary>
public static partial class BedrockBillingLine
{
    /// <summary>True for a line of Amazon Bedrock (the service, or a model sold as "… (Amazon Bedrock Edition)").</summary>
    public static bool IsBedrock(string? serviceName, string? serviceCode) =>
        (serviceName?.Contains("Bedrock", StringComparison.OrdinalIgnoreCase) ?? false)
        || (serviceCode?.StartsWith("AmazonBedrock", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>The model of a Bedrock line, or null when none of the fields names one (storage, a whole service, an application profile).</summary>
    public static string? ModelOf(string? resourceId, string? usageType, string? sku, string? serviceName, string? description)
    {
        if (resourceId is { Length: > 0 }
            && (resourceId.Contains(":foundation-model/", StringComparison.Ordinal) || resourceId.Contains(":inference-profile/", StringComparison.Ordinal)))
        {
            return BedrockLogImporter.ModelOf(resourceId);
        }

        foreach (var text in (string?[])[usageType, sku, resourceId])
        {
            if (text is { Length: > 0 } && ModelId().Match(text) is { Success: true } id)
            {
                return BedrockLogImporter.ModelOf(id.Value);
            }
        }

        foreach (var text in (string?[])[usageType, sku])
        {
            if (text is { Length: > 0 } && UsageTypeClaude().Match(text) is { Success: true } m)
            {
                return Claude(m.Groups["family"].Value, m.Groups["version"].Value);
            }
        }

        foreach (var text in (string?[])[serviceName, description])
        {
            if (text is { Length: > 0 } && NamedClaude().Match(text) is { Success: true } m)
            {
                return Claude(m.Groups["family"].Value, m.Groups["version"].Value);
            }
        }

        return null;
    }

    // Claude 3.x names put the version first (claude-3-5-sonnet), Claude 4 and later put the family first (claude-sonnet-4-5).
    private static string Claude(string family, string version)
    {
        var dashed = version.Replace('.', '-');
        family = family.ToLowerInvariant();
        return version.StartsWith('3') ? $"claude-{dashed}-{family}" : $"claude-{family}-{dashed}";
    }

    // A provider-qualified Bedrock model id ending in its version (-v1:0, -v1, -1:0), optionally with a geography prefix.
    [GeneratedRegex(@"(?:(?:us|eu|apac|global|us-gov|jp|au|ca)\.)?(?:anthropic|amazon|meta|mistral|cohere|ai21|deepseek|openai|qwen|writer|stability)\.[a-z0-9][a-z0-9.\-]*?(?:-v\d+(?::\d+)?|-\d+:\d+)(?![a-z0-9.:])", RegexOptions.CultureInvariant)]
    private static partial Regex ModelId();

    // CUR usage type: <region>-Claude<version><Family>-<token type>, e.g. USE1-Claude4.6Sonnet-input-tokens.
    [GeneratedRegex(@"Claude(?<version>\d+(?:\.\d+)?)(?<family>Sonnet|Opus|Haiku)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UsageTypeClaude();

    // Marketplace product names: "Claude Sonnet 4.5 (Amazon Bedrock Edition)", and the older "Claude 3.5 Sonnet".
    [GeneratedRegex(@"Claude\s+(?:(?<family>Sonnet|Opus|Haiku)\s+(?<version>\d+(?:\.\d+)?)|(?<version>3(?:\.\d+)?)\s+(?<family>Sonnet|Opus|Haiku))", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NamedClaude();
}
