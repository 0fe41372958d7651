using System.Net.Http.Headers;
using System.Text;
using Receipts.Sources.Http;

namespace Receipts.Sources.Jira;

/// <summary>How to talk to Jira Cloud: basic auth with the account's email and an API token.</summary>
public static class JiraApi
{
    public const string EmailVariable = "JIRA_EMAIL";

    public const string TokenVariable = "JIRA_API_TOKEN";

    public const string TokenHint =
        "Create an API token at https://id.atlassian.com/manage-profile/security/api-tokens, put it in JIRA_API_TOKEN (or --token-env VAR / --token-file PATH), and the account's email in JIRA_EMAIL.";

    public static ApiClientOptions ClientOptions(string email, Secret token, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(token);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{email}:{token.Value}"));
        return new ApiClientOptions
        {
            Service = "Jira",
            CredentialDescription = $"{token.Description} for {email}",
            CredentialHint = TokenHint,
            Time = time,
            Authorize = headers => headers.Authorization = new AuthenticationHeaderValue("Basic", basic),
        };
    }
}
