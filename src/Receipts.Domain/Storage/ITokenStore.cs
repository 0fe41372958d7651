using Receipts.Domain.Tokens;

namespace Receipts.Domain.Storage;

/// <summary>Collector/API tokens, by name and by hash. Both stores implement it and pass one contract suite.</summary>
public interface ITokenStore
{
    /// <summary>Stores a new token; false when a token with that name already exists (nothing is written then).</summary>
    Task<bool> CreateTokenAsync(ApiToken token, CancellationToken cancellationToken);

    /// <summary>Every token, by name. Never returns token text (the store does not have it).</summary>
    Task<IReadOnlyList<ApiToken>> ListTokensAsync(CancellationToken cancellationToken);

    /// <summary>The token with this hash, or null.</summary>
    Task<ApiToken?> FindTokenAsync(string hash, CancellationToken cancellationToken);

    /// <summary>Records that the token was used at <paramref name="at"/>.</summary>
    Task TouchTokenAsync(string hash, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Deletes the token with this name; false when there was none.</summary>
    Task<bool> RevokeTokenAsync(string name, CancellationToken cancellationToken);
}
