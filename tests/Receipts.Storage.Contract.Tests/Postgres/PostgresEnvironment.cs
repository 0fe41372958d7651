namespace Receipts.Storage.Contract.Tests.Postgres;

/// <summary>
/// Where the PostgreSQL tests find a server: <c>RECEIPTS_TEST_POSTGRES</c>. Missing, they fail with a
/// message saying how to start one; CI must run them. <c>RECEIPTS_SKIP_POSTGRES=1</c> skips them on purpose.
/// </summary>
public static class PostgresEnvironment
{
    public const string Variable = "RECEIPTS_TEST_POSTGRES";

    public const string SkipVariable = "RECEIPTS_SKIP_POSTGRES";

    public const string HowToStart =
        $"The PostgreSQL tests need a server. Start one with `sudo bash scripts/test-deps.sh` (installs and starts "
        + $"PostgreSQL on 127.0.0.1:5432 with role receipts/receipts) and set {Variable}="
        + "\"Host=127.0.0.1;Port=5432;Username=receipts;Password=receipts;Database=receipts\", or run "
        + $"`bash scripts/test.sh`, which does both. To skip them for a quick local run, set {SkipVariable}=1.";

    /// <summary>Why PostgreSQL tests are skipped, or null when they run.</summary>
    public static string? SkipReason =>
        Environment.GetEnvironmentVariable(SkipVariable) == "1" ? $"{SkipVariable}=1 is set" : null;

    /// <summary>The connection string; throws with <see cref="HowToStart"/> when it is not set.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set. {HowToStart}");
}
