using Receipts.Sources.Billing.Http;

namespace Receipts.Sources.OpenAi;

/// <summary>The OpenAI Admin API client: <c>Authorization: Bearer</c> over <see cref="BillingHttp"/>.</summary>
public static class OpenAiAdminApi
{
    public const string DefaultBaseUrl = "https://api.openai.com/v1";

    public const string SecretVariable = "OPENAI_ADMIN_KEY";

    public static BillingApiClient Create(BillingApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BillingApiClient(BillingHttp.CreateClient(options), options, headers =>
            headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.Secret));
    }
}
