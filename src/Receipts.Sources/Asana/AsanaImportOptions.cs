namespace Receipts.Sources.Asana;

/// <summary>What <see cref="AsanaImporter"/> reads.</summary>
public sealed record AsanaImportOptions
{
    /// <summary>Asana's REST root.</summary>
    public static readonly Uri DefaultApiUrl = new("https://app.asana.com/api/1.0/");

    /// <summary>The project's gid, <c>1204567890123456</c>.</summary>
    public required string Project { get; init; }

    /// <summary>The REST root. Default: <see cref="DefaultApiUrl"/>.</summary>
    public Uri ApiUrl { get; init; } = DefaultApiUrl;

    /// <summary>Items per page (the API's maximum is 100). Default: 100.</summary>
    public int PageSize { get; init; } = 100;
}
