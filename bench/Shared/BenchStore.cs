using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Receipts.Storage.DuckDb;

namespace Receipts.Bench;

/// <summary>
/// Fills an embedded store with generated usage records and changes (DuckDB SQL over range(), no C# objects), for the
/// benches that measure a big store. Layouts: "sessions" puts 100 consecutive records in one agent session on one
/// branch, a minute apart, as Claude Code and Codex write them; "spread" scatters every record of a session over the
/// whole 12 weeks, so almost no two records share a session, branch and day.
/// </summary>
internal static class BenchStore
{
    public const int Repos = 20;
    public const int Weeks = 12;
    private const int PerSession = 100;

    public static async Task FillAsync(string path, long records, long changes, string layout, DateTimeOffset end, TimeProvider time, CancellationToken ct)
    {
        var fill = Stopwatch.StartNew();
        await (await DuckDbStore.OpenAsync(path, time, ct)).DisposeAsync();
        await using (var connection = new DuckDBConnection($"Data Source={path}"))
        {
            await connection.OpenAsync(ct);
            var seconds = Weeks * 7 * 86400L;
            var start = end.AddSeconds(-seconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var usage = layout == "spread"
                ? $"""
                    INSERT INTO usage_records
                    SELECT 'r' || i, 'claude-code', NULL, TIMESTAMP '{start}' + to_seconds((i * 7919) % {seconds}),
                        'anthropic', CASE WHEN i % 3 = 0 THEN 'claude-opus-4-1' ELSE 'claude-sonnet-4-5' END, NULL, NULL, NULL,
                        1000 + i % 5000, 200 + i % 900, 20000 + i % 30000, i % 2000, 0, 0, 1, NULL, 0, 'USD', false,
                        'm' || i, NULL, NULL, NULL, NULL, NULL, NULL, 'dev' || (i % 200), 's' || (i % 500000), 'claude-code', '2.0.0',
                        'github.com/acme/repo' || (i % {Repos}), 'feature/' || (i % {changes}), NULL, NULL, NULL
                    FROM range({records}) t(i)
                    """
                : $"""
                    INSERT INTO usage_records
                    SELECT 'r' || i, 'claude-code', NULL,
                        TIMESTAMP '{start}' + to_seconds(((i // {PerSession}) * 7919 * 37) % ({seconds} - 7200) + (i % {PerSession}) * 60 + i % 7),
                        'anthropic', CASE WHEN i % 3 = 0 THEN 'claude-opus-4-1' ELSE 'claude-sonnet-4-5' END, NULL, NULL, NULL,
                        1000 + i % 5000, 200 + i % 900, 20000 + i % 30000 + CASE WHEN i % 101 = 0 THEN 190000 ELSE 0 END, i % 2000, 0, 0, 1, NULL, 0, 'USD', false,
                        'm' || i, NULL, NULL, NULL, NULL, NULL, NULL, 'dev' || ((i // {PerSession}) % 200), 's' || (i // {PerSession}), 'claude-code', '2.0.0',
                        'github.com/acme/repo' || ((i // {PerSession}) % {Repos}), 'feature/' || ((i // {PerSession}) % {changes}), NULL, NULL, NULL
                    FROM range({records}) t(i)
                    """;
            await ExecAsync(connection, usage);
            await ExecAsync(connection, $"""
                INSERT INTO changes
                SELECT 'github.com/acme/repo' || (i % {Repos}), '#' || i, 'sha' || i, i, TIMESTAMP '{start}' + to_seconds((i * 104729) % {seconds}),
                    'dev' || (i % 200), 'feature/' || i, 'change ' || i, '[]', '["src/f' || (i % 500) || '.cs"]', '[]', '[]', '[]', '[]', 'github',
                    NULL, NULL, NULL
                FROM range({changes}) t(i)
                """);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"filled {records:N0} usage records ({layout}) and {changes:N0} changes in {fill.Elapsed.TotalSeconds:F1} s"));
    }

    private static async Task ExecAsync(DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
