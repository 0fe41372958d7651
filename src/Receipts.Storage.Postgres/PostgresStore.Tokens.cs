using Npgsql;
using Receipts.Domain.Storage;
using Receipts.Domain.Tokens;

namespace Receipts.Storage.Postgres;

public sealed partial class PostgresStore
{
    private const string TokenColumns = "name, hash, scope, team, created_at, last_used_at";

    public async Task<bool> CreateTokenAsync(ApiToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var command = _dataSource.CreateCommand(
            $"INSERT INTO api_tokens ({TokenColumns}) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = token.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = token.Hash });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)token.Scope });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)token.Team ?? DBNull.Value, DataTypeName = "text" });
        command.Parameters.Add(new NpgsqlParameter { Value = token.CreatedAt.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)token.LastUsedAt?.UtcDateTime ?? DBNull.Value, DataTypeName = "timestamptz" });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<ApiToken>> ListTokensAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {TokenColumns} FROM api_tokens ORDER BY name");
        return await ReadTokensAsync(command, cancellationToken);
    }

    public async Task<ApiToken?> FindTokenAsync(string hash, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {TokenColumns} FROM api_tokens WHERE hash = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        return (await ReadTokensAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task TouchTokenAsync(string hash, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("UPDATE api_tokens SET last_used_at = $1 WHERE hash = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = at.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> RevokeTokenAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM api_tokens WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static async Task<IReadOnlyList<ApiToken>> ReadTokensAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var tokens = new List<ApiToken>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tokens.Add(new ApiToken
            {
                Name = reader.GetString(0),
                Hash = reader.GetString(1),
                Scope = (TokenScope)reader.GetInt16(2),
                Team = reader.IsDBNull(3) ? null : reader.GetString(3),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(4),
                LastUsedAt = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
            });
        }

        return tokens;
    }
}
