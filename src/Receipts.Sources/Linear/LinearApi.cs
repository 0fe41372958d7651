using System.Net.Http.Headers;
using Receipts.Sources.Http;

namespace Receipts.Sources.Linear;

/// <summary>How to talk to Linear: a personal API key as the Authorization header (OAuth tokens as Bearer).</summary>
public static class LinearApi
{
    public const string TokenVariable = "LINEAR_API_KEY";

    public const string TokenHint =
        "Create a personal API key in Linear (Settings > Security & access > Personal API keys) and put it in LINEAR_API_KEY, or pass --token-env VAR / --token-file PATH.";

    public static ApiClientOptions ClientOptions(Secret token, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new ApiClientOptions
        {
            Service = "Linear",
            CredentialDescription = token.Description,
            CredentialHint = TokenHint,
            Time = time,
            Authorize = headers =>
            {
                if (token.Value.StartsWith("lin_api_", StringComparison.Ordinal))
                {
                    headers.TryAddWithoutValidation("Authorization", token.Value);
                }
                else
                {
                    headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
                }
            },
        };
    }
}
