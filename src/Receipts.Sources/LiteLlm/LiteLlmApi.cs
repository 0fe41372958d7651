using System.Net.Http.Headers;
using Receipts.Sources.Billing.Http;

namespace Receipts.Sources.LiteLlm;

/// <summary>A LiteLLM proxy's HTTP API with the master key (or a key allowed the spend routes): <c>Authorization: Bearer</c>.</summary>
public static class LiteLlmApi
{
    public const string DefaultBaseUrl = "http://localhost:4000";

    public const string SecretVariable = "LITELLM_MASTER_KEY";

    public static BillingApiClient Create(BillingApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BillingApiClient(BillingHttp.CreateClient(options), options, headers =>
            headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Secret));
    }
}
