using System.Net.Http.Headers;
using Receipts.Sources.Billing.Http;

namespace Receipts.Sources.Copilot;

/// <summary>GitHub's REST API for Copilot (<c>manage_billing:copilot</c> or <c>read:org</c>): Bearer token and the API version header.</summary>
public static class CopilotApi
{
    public const string DefaultBaseUrl = "https://api.github.com";

    public const string SecretVariable = "GITHUB_TOKEN";

    public static BillingApiClient Create(BillingApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BillingApiClient(BillingHttp.CreateClient(options), options, headers =>
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Secret);
            headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
            headers.Add("X-GitHub-Api-Version", "2022-11-28");
        });
    }
}
