namespace Receipts.Sources.Tests.LiteLlm;

/// <summary>
/// A test that needs the PostgreSQL server of <c>scripts/test-deps.sh</c> (RECEIPTS_TEST_POSTGRES). Skipped only
/// when RECEIPTS_SKIP_POSTGRES=1; without either variable it runs and fails saying how to start the server.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("RECEIPTS_SKIP_POSTGRES") == "1")
        {
            Skip = "RECEIPTS_SKIP_POSTGRES=1 is set";
        }
    }
}
