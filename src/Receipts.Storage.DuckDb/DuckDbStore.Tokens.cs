using DuckDB.NET.Data;
using Receipts.Domain.Storage;
using Receipts.Domain.Tokens;

namespace Receipts.Storage.DuckDb;

public sealed partial class DuckDbStore : ITokenStore, IStoreHealth
{
    private const string TokenColumns = "name, hash, scope, team, created_at, last_used_at";

    public async Task<bool> CreateTokenAsync(ApiToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command(
                $"INSERT INTO api_tokens ({TokenColumns}) VALUES ($name, $hash, $scope, $team, $created, $used) ON CONFLICT DO NOTHING");
            command.Parameters.Add(new DuckDBParameter("name", token.Name));
            command.Parameters.Add(new DuckDBParameter("hash", token.Hash));
            command.Parameters.Add(new DuckDBParameter("scope", (sbyte)token.Scope));
            command.Parameters.Add(new DuckDBParameter("team", token.Team));
            command.Parameters.Add(new DuckDBParameter("created", token.CreatedAt.UtcDateTime));
            command.Parameters.Add(new DuckDBParameter("used", token.LastUsedAt?.UtcDateTime));
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<ApiToken>> ListTokensAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command($"SELECT {TokenColumns} FROM api_tokens ORDER BY name");
            return await ReadTokensAsync(command, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<ApiToken?> FindTokenAsync(string hash, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command($"SELECT {TokenColumns} FROM api_tokens WHERE hash = $hash");
            command.Parameters.Add(new DuckDBParameter("hash", hash));
            return (await ReadTokensAsync(command, cancellationToken)).SingleOrDefault();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task TouchTokenAsync(string hash, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command("UPDATE api_tokens SET last_used_at = $at WHERE hash = $hash");
            command.Parameters.Add(new DuckDBParameter("at", at.UtcDateTime));
            command.Parameters.Add(new DuckDBParameter("hash", hash));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> RevokeTokenAsync(string name, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command("DELETE FROM api_tokens WHERE name = $name");
            command.Parameters.Add(new DuckDBParameter("name", name));
            return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<IReadOnlyList<ApiToken>> ReadTokensAsync(DuckDBCommand command, CancellationToken cancellationToken)
    {
        var tokens = new List<ApiToken>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tokens.Add(new ApiToken
            {
                Name = reader.GetString(0),
                Hash = reader.GetString(1),
                Scope = (TokenScope)reader.GetFieldValue<sbyte>(2),
                Team = reader.IsDBNull(3) ? null : reader.GetString(3),
                CreatedAt = Utc(reader.GetDateTime(4)),
                LastUsedAt = reader.IsDBNull(5) ? null : Utc(reader.GetDateTime(5)),
            });
        }

        return tokens;
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
