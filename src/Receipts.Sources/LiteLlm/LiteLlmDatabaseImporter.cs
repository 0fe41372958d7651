using System.Globalization;
using System.Text.Json;
using Npgsql;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Gateways;

namespace Receipts.Sources.LiteLlm;

/// <summary>
/// Reads <c>LiteLLM_SpendLogs</c> straight from the proxy's PostgreSQL (a read replica is best), in
/// (<c>"startTime"</c>, <c>request_id</c>) order, in batches of <see cref="BatchSize"/> (keyset paging on the
/// table's own index). Only the columns in <see cref="LiteLlmSpendRow"/> are selected: never the content
/// columns. The connection string is a secret (it holds a password): it is never logged or stored.
/// </summary>
public sealed class LiteLlmDatabaseImporter(string connectionString, IUsageStore store, TimeProvider time)
{
    public const string SecretVariable = "LITELLM_DATABASE_URL";

    public int BatchSize { get; init; } = 5000;

    private const string Query =
        """
        SELECT request_id, "startTime", call_type, api_key, spend::text, prompt_tokens, completion_tokens, model,
               model_group, custom_llm_provider, "user", end_user, team_id, session_id, cache_hit,
               metadata::text, request_tags::text
        FROM "LiteLLM_SpendLogs"
        WHERE ("startTime", request_id) > (@after, @after_id)
        ORDER BY "startTime", request_id
        LIMIT @limit
        """;

    public Task<SourceImportSummary> ImportAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
        UsageImport.RunAsync(LiteLlmMapper.Source, store, time, since, (from, summary) => FetchAsync(from, summary, cancellationToken), cancellationToken);

    private async Task<IReadOnlyCollection<UsageRecord>> FetchAsync(DateTimeOffset from, SourceImportSummary summary, CancellationToken cancellationToken)
    {
        NpgsqlConnection connection;
        try
        {
            connection = new NpgsqlConnection(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new Billing.Http.BillingApiException($"The LiteLLM database connection string is not valid: {e.Message}", $"Set {SecretVariable} to e.g. Host=db;Database=litellm;Username=reader;Password=… (or a postgres:// URL is not accepted: use key=value).", e);
        }

        await using (connection)
        {
            try
            {
                await connection.OpenAsync(cancellationToken);
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                throw new Billing.Http.BillingApiException($"Cannot connect to the LiteLLM database ({connection.Host}:{connection.Port}/{connection.Database}): {e.Message}", $"Check {SecretVariable} and that the database accepts this machine.", e);
            }

            var records = new List<UsageRecord>();
            var after = DateTime.SpecifyKind(from.UtcDateTime.AddTicks(-1), DateTimeKind.Unspecified);
            var afterId = string.Empty;
            while (true)
            {
                await using var command = new NpgsqlCommand(Query, connection);
                command.Parameters.AddWithValue("after", NpgsqlTypes.NpgsqlDbType.Timestamp, after);
                command.Parameters.AddWithValue("after_id", afterId);
                command.Parameters.AddWithValue("limit", BatchSize);
                var batch = 0;
                try
                {
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    summary.Requests++;
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        var row = Read(reader);
                        records.Add(LiteLlmMapper.Map(row, connection.Database));
                        after = DateTime.SpecifyKind(row.StartTime.UtcDateTime, DateTimeKind.Unspecified);
                        afterId = row.RequestId;
                        batch++;
                    }
                }
                catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn)
                {
                    throw new Billing.Http.BillingApiException($"The LiteLLM database has no readable \"LiteLLM_SpendLogs\" of the expected shape: {e.MessageText}", "Point the connection at the LiteLLM proxy's database (schema.prisma), or use --api-url for its HTTP API.", e);
                }

                if (batch < BatchSize)
                {
                    return records;
                }
            }
        }
    }

    private static LiteLlmSpendRow Read(NpgsqlDataReader reader)
    {
        var id = reader.GetString(0);
        var where = $"LiteLLM_SpendLogs row {id}";
        var spend = reader.IsDBNull(4) ? (decimal?)null
            : decimal.TryParse(reader.GetString(4), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s
            : throw GatewayJson.Malformed(where, "'spend' is not a number");
        return new LiteLlmSpendRow
        {
            RequestId = id,
            StartTime = new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc)),
            CallType = Text(reader, 2),
            ApiKey = Text(reader, 3),
            Spend = spend,
            PromptTokens = reader.IsDBNull(5) ? 0 : Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture),
            CompletionTokens = reader.IsDBNull(6) ? 0 : Convert.ToInt64(reader.GetValue(6), CultureInfo.InvariantCulture),
            Model = Text(reader, 7),
            ModelGroup = Text(reader, 8),
            Provider = Text(reader, 9),
            User = Text(reader, 10),
            EndUser = Text(reader, 11),
            TeamId = Text(reader, 12),
            SessionId = Text(reader, 13),
            CacheHit = Text(reader, 14),
            Metadata = Json(Text(reader, 15)),
            RequestTags = Json(Text(reader, 16)),
        };
    }

    /// <summary>Prisma defaults many text columns to '': empty means not given.</summary>
    private static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) || reader.GetString(i) is not { Length: > 0 } text ? null : text;

    private static JsonElement Json(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default; // a malformed metadata cell loses its tags, not the row's usage
        }
    }
}
