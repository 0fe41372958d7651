namespace Receipts.Sources.GitHub;

/// <summary>What <see cref="GitHubImporter"/> reads.</summary>
public sealed record GitHubImportOptions
{
    /// <summary>The default API root: GitHub.com. GitHub Enterprise Server: <c>https://HOST/api/v3</c>.</summary>
    public static readonly Uri DefaultApiUrl = new("https://api.github.com/");

    /// <summary>The repository, <c>OWNER/NAME</c>.</summary>
    public required string Repository { get; init; }

    /// <summary>The REST API root. Default: <see cref="DefaultApiUrl"/>.</summary>
    public Uri ApiUrl { get; init; } = DefaultApiUrl;

    /// <summary>The host repositories are named by (<c>github.com</c>); default: derived from <see cref="ApiUrl"/>.</summary>
    public string? WebHost { get; init; }

    /// <summary>Items per page (the API's maximum is 100). Default: 100.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>PRs per GraphQL query for closing issue references. Default: 50.</summary>
    public int GraphQlBatchSize { get; init; } = 50;
}
