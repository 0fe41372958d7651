namespace Receipts.Sources.GitLab;

/// <summary>What <see cref="GitLabImporter"/> reads.</summary>
public sealed record GitLabImportOptions
{
    /// <summary>The default API root: GitLab.com. Self-managed: <c>https://HOST/api/v4</c>.</summary>
    public static readonly Uri DefaultApiUrl = new("https://gitlab.com/api/v4/");

    /// <summary>The project's full path, <c>GROUP/NAME</c> (subgroups allowed).</summary>
    public required string Project { get; init; }

    /// <summary>The REST API root. Default: <see cref="DefaultApiUrl"/>.</summary>
    public Uri ApiUrl { get; init; } = DefaultApiUrl;

    /// <summary>The host projects are named by (<c>gitlab.com</c>); default: the API's host.</summary>
    public string? WebHost { get; init; }

    /// <summary>Items per page (the API's maximum is 100). Default: 100.</summary>
    public int PageSize { get; init; } = 100;
}
