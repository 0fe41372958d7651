using System.Net.Http.Headers;
using Receipts.Sources.Billing.Http;

namespace Receipts.Sources.Helicone;

/// <summary>Helicone's query API: <c>authorization: Bearer</c> (EU: <c>https://eu.api.helicone.ai</c>).</summary>
public static class HeliconeApi
{
    public const string DefaultBaseUrl = "https://api.helicone.ai";

    public const string SecretVariable = "HELICONE_API_KEY";

    public static BillingApiClient Create(BillingApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BillingApiClient(BillingHttp.CreateClient(options), options, headers =>
            headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Secret));
    }
}
