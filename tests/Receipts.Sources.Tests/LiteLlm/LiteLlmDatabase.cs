using Npgsql;

namespace Receipts.Sources.Tests.LiteLlm;

/// <summary>
/// A fresh database on the RECEIPTS_TEST_POSTGRES server holding <c>LiteLLM_SpendLogs</c> in the shape LiteLLM's
/// <c>schema.prisma</c> migrates to (camelCase time columns, JSONB metadata and tags, the content columns too),
/// dropped afterwards.
/// </summary>
internal sealed class LiteLlmDatabase : IAsyncDisposable
{
    private const string Schema =
        """
        CREATE TABLE "LiteLLM_SpendLogs" (
            "request_id" TEXT NOT NULL,
            "call_type" TEXT NOT NULL,
            "api_key" TEXT NOT NULL DEFAULT '',
            "spend" DOUBLE PRECISION NOT NULL DEFAULT 0.0,
            "total_tokens" INTEGER NOT NULL DEFAULT 0,
            "prompt_tokens" INTEGER NOT NULL DEFAULT 0,
            "completion_tokens" INTEGER NOT NULL DEFAULT 0,
            "startTime" TIMESTAMP(3) NOT NULL,
            "endTime" TIMESTAMP(3) NOT NULL,
            "request_duration_ms" INTEGER,
            "completionStartTime" TIMESTAMP(3),
            "model" TEXT NOT NULL DEFAULT '',
            "model_id" TEXT DEFAULT '',
            "model_group" TEXT DEFAULT '',
            "custom_llm_provider" TEXT DEFAULT '',
            "api_base" TEXT DEFAULT '',
            "user" TEXT DEFAULT '',
            "metadata" JSONB DEFAULT '{}',
            "cache_hit" TEXT DEFAULT '',
            "cache_key" TEXT DEFAULT '',
            "request_tags" JSONB DEFAULT '[]',
            "team_id" TEXT,
            "organization_id" TEXT,
            "end_user" TEXT,
            "requester_ip_address" TEXT,
            "messages" JSONB DEFAULT '{}',
            "response" JSONB DEFAULT '{}',
            "proxy_server_request" JSONB DEFAULT '{}',
            "session_id" TEXT,
            "status" TEXT,
            "mcp_namespaced_tool_name" TEXT,
            "agent_id" TEXT,
            CONSTRAINT "LiteLLM_SpendLogs_pkey" PRIMARY KEY ("request_id")
        );
        CREATE INDEX "LiteLLM_SpendLogs_startTime_idx" ON "LiteLLM_SpendLogs"("startTime");
        """;

    private readonly string _admin;

    private LiteLlmDatabase(string admin, string connectionString, string name)
    {
        _admin = admin;
        ConnectionString = connectionString;
        Name = name;
    }

    public string ConnectionString { get; }

    public string Name { get; }

    public static async Task<LiteLlmDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable("RECEIPTS_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "RECEIPTS_TEST_POSTGRES is not set. Start PostgreSQL with `sudo bash scripts/test-deps.sh` and set RECEIPTS_TEST_POSTGRES to the connection "
                + "string it prints (or run `bash scripts/test.sh`); set RECEIPTS_SKIP_POSTGRES=1 to skip these tests.");
        var name = "litellm_test_" + Guid.NewGuid().ToString("n");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var database = new LiteLlmDatabase(admin, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString, name);
        await database.ExecuteAsync(Schema);
        return database;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
