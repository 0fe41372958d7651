using System.Net.Http.Headers;
using Receipts.Sources.Billing.Http;

namespace Receipts.Sources.Cloudflare;

/// <summary>The Cloudflare v4 API with an API token (AI Gateway Read): <c>Authorization: Bearer</c>.</summary>
public static class CloudflareApi
{
    public const string DefaultBaseUrl = "https://api.cloudflare.com/client/v4";

    public const string SecretVariable = "CLOUDFLARE_API_TOKEN";

    public static BillingApiClient Create(BillingApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BillingApiClient(BillingHttp.CreateClient(options), options, headers =>
            headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Secret));
    }
}
