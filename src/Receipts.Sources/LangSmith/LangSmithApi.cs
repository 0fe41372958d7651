using Receipts.Sources.Billing.Http;

namespace Receipts.Sources.LangSmith;

/// <summary>The LangSmith API: <c>x-api-key</c> header (EU: <c>https://eu.api.smith.langchain.com</c>).</summary>
public static class LangSmithApi
{
    public const string DefaultBaseUrl = "https://api.smith.langchain.com";

    public const string SecretVariable = "LANGSMITH_API_KEY";

    public static BillingApiClient Create(BillingApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BillingApiClient(BillingHttp.CreateClient(options), options, headers => headers.Add("x-api-key", options.Secret));
    }
}
