using System.Net.Http.Headers;
using Receipts.Sources.Http;

namespace Receipts.Sources.GitHub;

/// <summary>How to talk to GitHub: bearer token, API version header, and what to say when the token is refused.</summary>
public static class GitHubApi
{
    public const string TokenVariable = "GITHUB_TOKEN";

    public const string TokenHint =
        "Create a token with repo read access (fine-grained: Contents, Pull requests, Issues, Metadata: read) at https://github.com/settings/tokens and put it in GITHUB_TOKEN, or pass --token-env VAR / --token-file PATH.";

    public static ApiClientOptions ClientOptions(Secret token, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new ApiClientOptions
        {
            Service = "GitHub",
            CredentialDescription = token.Description,
            CredentialHint = TokenHint,
            Time = time,
            Authorize = headers =>
            {
                headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
                headers.TryAddWithoutValidation("X-GitHub-Api-Version", "2022-11-28");
            },
        };
    }

    /// <summary>Where GraphQL lives next to a REST root: <c>api.github.com/graphql</c>, or <c>HOST/api/graphql</c> on Enterprise Server.</summary>
    public static Uri GraphQlUrl(Uri apiUrl)
    {
        ArgumentNullException.ThrowIfNull(apiUrl);
        var root = apiUrl.AbsoluteUri.TrimEnd('/');
        return root.EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase)
            ? new Uri(root[..^"/v3".Length] + "/graphql")
            : new Uri(root + "/graphql");
    }

    /// <summary>The web host repositories are named by: <c>github.com</c> for api.github.com, else the API's host.</summary>
    public static string WebHost(Uri apiUrl)
    {
        ArgumentNullException.ThrowIfNull(apiUrl);
        var host = apiUrl.Host.ToLowerInvariant();
        return host.StartsWith("api.", StringComparison.Ordinal) ? host["api.".Length..] : host;
    }
}
