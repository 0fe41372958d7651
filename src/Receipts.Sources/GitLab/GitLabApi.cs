using Receipts.Sources.Http;

namespace Receipts.Sources.GitLab;

/// <summary>How to talk to GitLab: the <c>PRIVATE-TOKEN</c> header and what to say when it is refused.</summary>
public static class GitLabApi
{
    public const string TokenVariable = "GITLAB_TOKEN";

    public const string TokenHint =
        "Create a personal or project access token with the read_api scope (User settings > Access tokens) and put it in GITLAB_TOKEN, or pass --token-env VAR / --token-file PATH.";

    public static ApiClientOptions ClientOptions(Secret token, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new ApiClientOptions
        {
            Service = "GitLab",
            CredentialDescription = token.Description,
            CredentialHint = TokenHint,
            Time = time,
            Authorize = headers => headers.TryAddWithoutValidation("PRIVATE-TOKEN", token.Value),
        };
    }
}
