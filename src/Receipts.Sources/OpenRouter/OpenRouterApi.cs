using System.Net.Http.Headers;
using Receipts.Sources.Billing.Http;

namespace Receipts.Sources.OpenRouter;

/// <summary>OpenRouter's API with a management (provisioning) key for <c>/activity</c>: <c>Authorization: Bearer</c>.</summary>
public static class OpenRouterApi
{
    public const string DefaultBaseUrl = "https://openrouter.ai/api/v1";

    public const string SecretVariable = "OPENROUTER_MANAGEMENT_KEY";

    public static BillingApiClient Create(BillingApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BillingApiClient(BillingHttp.CreateClient(options), options, headers =>
            headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Secret));
    }
}
