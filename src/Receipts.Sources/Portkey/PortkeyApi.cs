using Receipts.Sources.Billing.Http;

namespace Receipts.Sources.Portkey;

/// <summary>Portkey's admin API: <c>x-portkey-api-key</c> header.</summary>
public static class PortkeyApi
{
    public const string DefaultBaseUrl = "https://api.portkey.ai/v1";

    public const string SecretVariable = "PORTKEY_API_KEY";

    public static BillingApiClient Create(BillingApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BillingApiClient(BillingHttp.CreateClient(options), options, headers => headers.Add("x-portkey-api-key", options.Secret));
    }
}
