using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Receipts.Domain.Storage;
using Receipts.Domain.Tokens;

namespace Receipts.Server.Auth;

/// <summary>
/// Turns a bearer token into a <see cref="Caller"/>: hashes it, looks the hash up (cached for
/// <see cref="ReceiptsServerOptions.TokenCacheDuration"/> so a busy collector does not ask the store per
/// request), and records the last use at most once a minute per token.
/// </summary>
internal sealed partial class TokenAuthenticator(ITokenStore store, TimeProvider time, ReceiptsServerOptions options, ILogger<TokenAuthenticator> logger)
{
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    /// <summary>The caller for <paramref name="token"/>, or null when the token is unknown.</summary>
    public async Task<Caller?> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (!TokenSecret.LooksValid(token))
        {
            return null;
        }

        var hash = TokenSecret.Hash(token);
        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(hash, out var entry) || now - entry.FetchedAt > options.TokenCacheDuration)
        {
            var stored = await store.FindTokenAsync(hash, cancellationToken);
            if (stored is null)
            {
                _cache.TryRemove(hash, out _);
                return null;
            }

            entry = new Entry(new Caller(stored.Name, stored.Scope, stored.Team), now, entry?.TouchedAt ?? stored.LastUsedAt ?? DateTimeOffset.MinValue);
            _cache[hash] = entry;
        }

        if (now - entry.TouchedAt >= TouchInterval)
        {
            _cache[hash] = entry with { TouchedAt = now };
            await TouchAsync(hash, entry.Caller.TokenName, now, cancellationToken);
        }

        return entry.Caller;
    }

    private async Task TouchAsync(string hash, string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await store.TouchTokenAsync(hash, now, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Last-used bookkeeping must never fail a request.
            LogTouchFailed(logger, name, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the last use of token {TokenName}")]
    private static partial void LogTouchFailed(ILogger logger, string tokenName, Exception exception);

    private sealed record Entry(Caller Caller, DateTimeOffset FetchedAt, DateTimeOffset TouchedAt);
}
