namespace Receipts.Domain.Tokens;

/// <summary>
/// A stored collector/API token. The store keeps only <see cref="Hash"/> (SHA-256 of the token text);
/// the token itself is shown once, when it is created.
/// </summary>
public sealed record ApiToken
{
    /// <summary>Unique name, used to list and revoke it.</summary>
    public required string Name { get; init; }

    /// <summary>Lowercase hex SHA-256 of the token text.</summary>
    public required string Hash { get; init; }

    public required TokenScope Scope { get; init; }

    /// <summary>When set, everything sent with this token is tagged <c>team=</c> this value.</summary>
    public string? Team { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>True when the token's scope covers <paramref name="required"/>: admin covers every scope.</summary>
    public bool Allows(TokenScope required) => Scope.Covers(required);
}
