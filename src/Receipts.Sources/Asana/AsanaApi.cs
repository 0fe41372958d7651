using System.Net.Http.Headers;
using Receipts.Sources.Http;

namespace Receipts.Sources.Asana;

/// <summary>How to talk to Asana: a personal access token as Bearer.</summary>
public static class AsanaApi
{
    public const string TokenVariable = "ASANA_TOKEN";

    public const string TokenHint =
        "Create a personal access token in Asana (My settings > Apps > Developer apps) and put it in ASANA_TOKEN, or pass --token-env VAR / --token-file PATH.";

    public static ApiClientOptions ClientOptions(Secret token, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new ApiClientOptions
        {
            Service = "Asana",
            CredentialDescription = token.Description,
            CredentialHint = TokenHint,
            Time = time,
            Authorize = headers => headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value),
        };
    }
}
