using DuckDB.NET.Data;
using Microsoft.Extensions.Time.Testing;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Storage.DuckDb.Tests;

/// <summary>
/// Migration 0012 rebuilds <c>usage_records</c> without its primary key (DuckDB cannot drop a constraint): a store
/// made before it keeps every row, and the writer still keeps one record per id.
/// </summary>
public sealed class UsageWithoutPrimaryKeyMigrationTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "receipts-tests", Guid.NewGuid().ToString("n"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));

    private string FilePath => Path.Combine(_directory, "r.duckdb");

    [Fact]
    public async Task Open_StoreMadeBefore0012_KeepsEveryRow_DropsThePrimaryKey_AndStillStoresEachIdOnce()
    {
        await CreateStoreAtVersionAsync(11);
        await using (var old = new DuckDBConnection($"Data Source={FilePath}"))
        {
            await old.OpenAsync(Ct);
            (await ScalarAsync(old, "SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'usage_records' AND constraint_type = 'PRIMARY KEY'")).ShouldBe(1L);
            await ExecuteAsync(
                old,
                """
                INSERT INTO usage_records (id, source_kind, occurred_at, provider, model, input_tokens, output_tokens,
                    cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens, web_search_requests, requests,
                    cost, cost_basis, currency, is_sidechain, message_id, tags)
                VALUES ('b', 'claude-code', TIMESTAMP '2026-11-20 11:00:00', 'anthropic', 'claude-sonnet-4-5', 1, 20, 300, 4, 5, 0, 1, 0.25, 0, 'USD', false, 'msg_b', '{"team":"payments"}'),
                       ('a', 'claude-code', TIMESTAMP '2026-11-20 10:00:00', 'anthropic', 'claude-sonnet-4-5', 1, 10, 100, 0, 0, 0, 1, NULL, 1, 'USD', false, NULL, NULL)
                """);
        }

        await using var store = await DuckDbStore.OpenAsync(FilePath, _time, Ct);
        var read = await store.ReadUsageAsync(UsageFilter.All, Ct).ToListAsync();
        var replay = await store.WriteUsageAsync([Record("a", 10), Record("b", 20), Record("c", 1)], [], Ct);

        read.Select(r => r.Id).ShouldBe(["a", "b"]);
        var b = read[1];
        (b.Tokens, b.Cost, b.MessageId, b.Tags["team"]).ShouldBe((new TokenCounts(1, 20, 300, 4, 5), 0.25m, "msg_b", "payments"));
        replay.ShouldBe(new UsageWriteResult(1, 0, 2));
        (await store.CountUsageAsync(Ct)).ShouldBe(3);
        await using var check = new DuckDBConnection($"Data Source=:memory:");
        await check.OpenAsync(Ct);
        await ExecuteAsync(check, $"ATTACH '{FilePath}' AS r (READ_ONLY)");
        (await ScalarAsync(check, "SELECT count(*) FROM duckdb_constraints() WHERE database_name = 'r' AND table_name = 'usage_records' AND constraint_type = 'PRIMARY KEY'")).ShouldBe(0L);
    }

    [Fact]
    public async Task Open_StoreMadeBefore0012_MovesTranscriptIdsToTheAnthropicScheme_KeepingTheFullestCopyOfEachRequest()
    {
        await CreateStoreAtVersionAsync(11);
        await using (var old = new DuckDBConnection($"Data Source={FilePath}"))
        {
            await old.OpenAsync(Ct);
            await ExecuteAsync(
                old,
                """
                INSERT INTO usage_records (id, source_kind, occurred_at, provider, model, input_tokens, output_tokens,
                    cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens, web_search_requests, requests,
                    cost_basis, currency, is_sidechain, message_id, request_id, repo)
                VALUES
                    -- one request seen by the transcript import (with its repo) and by OTel: the transcript copy stays
                    ('claude-code:msg_1/req_1', 'claude-code', TIMESTAMP '2026-11-20 10:00:00', 'anthropic', 'm', 1, 10, 100, 0, 0, 0, 1, 1, 'USD', false, 'msg_1', 'req_1', 'github.com/acme/payments'),
                    ('anthropic:req:req_1',     'otel',        TIMESTAMP '2026-11-20 10:00:01', 'anthropic', 'm', 1, 10, 100, 0, 0, 0, 1, 1, 'USD', false, NULL,    'req_1', NULL),
                    -- a line without a request id
                    ('claude-code:msg_2/',      'claude-code', TIMESTAMP '2026-11-20 11:00:00', 'anthropic', 'm', 1, 20, 0, 0, 0, 0, 1, 1, 'USD', false, 'msg_2', NULL, NULL),
                    -- a sidechain replay imported, the main-thread copy hooked: the main-thread copy stays, though smaller
                    ('claude-code:msg_3/req_3', 'claude-code', TIMESTAMP '2026-11-20 12:00:00', 'anthropic', 'm', 1, 30, 900, 0, 0, 0, 1, 1, 'USD', true,  'msg_3', 'req_3', NULL),
                    ('anthropic:req:req_3',     'claude-code', TIMESTAMP '2026-11-20 12:00:00', 'anthropic', 'm', 1, 30, 100, 0, 0, 0, 1, 1, 'USD', false, 'msg_3', 'req_3', NULL),
                    -- ids of other sources are left alone
                    ('claude-code:event:s-1:7', 'claude-code', TIMESTAMP '2026-11-20 13:00:00', 'anthropic', 'm', 1, 40, 0, 0, 0, 0, 1, 1, 'USD', false, NULL, NULL, NULL)
                """);
        }

        await using var store = await DuckDbStore.OpenAsync(FilePath, _time, Ct);
        var read = await store.ReadUsageAsync(UsageFilter.All, Ct).ToListAsync();

        read.Select(r => (r.Id, r.SourceKind, r.IsSidechain, r.Tokens.Total)).ShouldBe(
        [
            ("anthropic:req:req_1", "claude-code", false, 111L),
            ("anthropic:msg:msg_2", "claude-code", false, 21L),
            ("anthropic:req:req_3", "claude-code", false, 131L),
            ("claude-code:event:s-1:7", "claude-code", false, 41L),
        ]);
        read[0].Repo.ShouldBe("github.com/acme/payments");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Never created.
        }
    }

    private static UsageRecord Record(string id, long output) => new()
    {
        Id = id,
        SourceKind = "claude-code",
        At = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
        Provider = "anthropic",
        Model = "claude-sonnet-4-5",
        Tokens = new TokenCounts(1, output, 100, 0, 0),
    };

    // The schema as a store opened before 0012 left it: the same scripts, recorded the way the migrator records them.
    private async Task CreateStoreAtVersionAsync(int version)
    {
        Directory.CreateDirectory(_directory);
        await using var connection = new DuckDBConnection($"Data Source={FilePath}");
        await connection.OpenAsync(Ct);
        await ExecuteAsync(connection, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)");
        foreach (var (number, name, sql) in Migrator.Scripts().Where(s => s.Version <= version))
        {
            await ExecuteAsync(connection, sql);
            await ExecuteAsync(connection, $"INSERT INTO schema_migrations VALUES ({number}, '{name}', TIMESTAMP '2026-11-01 00:00:00')");
        }
    }

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<object?> ScalarAsync(DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }
}
