namespace Receipts.Sources.Linear;

/// <summary>What <see cref="LinearImporter"/> reads.</summary>
public sealed record LinearImportOptions
{
    /// <summary>Linear's GraphQL endpoint.</summary>
    public static readonly Uri DefaultApiUrl = new("https://api.linear.app/graphql");

    /// <summary>The team key, <c>ENG</c>.</summary>
    public required string Team { get; init; }

    /// <summary>The GraphQL endpoint. Default: <see cref="DefaultApiUrl"/>.</summary>
    public Uri ApiUrl { get; init; } = DefaultApiUrl;

    /// <summary>Issues per page. Default: 50.</summary>
    public int PageSize { get; init; } = 50;
}
