using Receipts.Sources.Billing.Http;

namespace Receipts.Sources.Anthropic;

/// <summary>The Anthropic Admin API client: <c>x-api-key</c> and <c>anthropic-version</c> headers over <see cref="BillingHttp"/>.</summary>
public static class AnthropicAdminApi
{
    public const string DefaultBaseUrl = "https://api.anthropic.com";

    public const string SecretVariable = "ANTHROPIC_ADMIN_KEY";

    public static BillingApiClient Create(BillingApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BillingApiClient(BillingHttp.CreateClient(options), options, headers =>
        {
            headers.Add("x-api-key", options.Secret);
            headers.Add("anthropic-version", "2023-06-01");
        });
    }
}
