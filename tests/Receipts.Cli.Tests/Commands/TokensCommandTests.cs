namespace Receipts.Cli.Tests.Commands;

public sealed class TokensCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("receipts-cli-tokens").FullName;

    private string Db => Path.Combine(_directory, "r.duckdb");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Create_PrintsTheTokenOnlyOnStdout_AndListNeverShowsIt()
    {
        var (code, output, error) = await CliRun.RunAsync(new Dictionary<string, string?>(), "tokens", "create", "--scope", "ingest", "--team", "payments", "--name", "laptops", "--db", Db);
        var token = output.Trim();

        code.ShouldBe(0);
        token.ShouldStartWith("rcpt_");
        error.ShouldContain("not shown again");
        var (_, json, _) = await CliRun.RunAsync(new Dictionary<string, string?>(), "tokens", "list", "--json", "--db", Db);
        json.ShouldContain("\"name\":\"laptops\"");
        json.ShouldContain("\"scope\":\"ingest\"");
        json.ShouldContain("\"team\":\"payments\"");
        json.ShouldNotContain(token);
        json.ShouldNotContain(token[5..15]);
    }

    [Fact]
    public async Task Create_SameNameTwice_FailsWithAHint()
    {
        await CliRun.RunAsync(new Dictionary<string, string?>(), "tokens", "create", "--scope", "read", "--name", "grafana", "--db", Db);

        var (code, _, error) = await CliRun.RunAsync(new Dictionary<string, string?>(), "tokens", "create", "--scope", "read", "--name", "grafana", "--db", Db);

        code.ShouldBe(1);
        error.ShouldContain("already exists");
        error.ShouldContain("tokens revoke grafana");
    }

    [Fact]
    public async Task Revoke_RemovesIt_AndAnUnknownNameFails()
    {
        await CliRun.RunAsync(new Dictionary<string, string?>(), "tokens", "create", "--scope", "admin", "--name", "ops", "--db", Db);

        var (code, output, _) = await CliRun.RunAsync(new Dictionary<string, string?>(), "tokens", "revoke", "ops", "--db", Db);
        var (again, _, error) = await CliRun.RunAsync(new Dictionary<string, string?>(), "tokens", "revoke", "ops", "--db", Db);

        code.ShouldBe(0);
        output.ShouldContain("Revoked token 'ops'");
        again.ShouldBe(1);
        error.ShouldContain("No token named 'ops'");
    }

    [Fact]
    public async Task Serve_BadStoreSpec_FailsWithAnExample()
    {
        var (code, _, error) = await CliRun.RunAsync(new Dictionary<string, string?>(), "serve", "--store", "mysql:whatever");

        code.ShouldBe(1);
        error.ShouldContain("is not a store");
        error.ShouldContain("duckdb:PATH");
    }

    [Fact]
    public async Task Tokens_StoreFromEnvironmentVariable_IsUsed()
    {
        var variables = new Dictionary<string, string?> { ["RECEIPTS_STORE"] = "duckdb:" + Db };

        await CliRun.RunAsync(variables, "tokens", "create", "--scope", "read", "--name", "from-env");
        var (_, json, _) = await CliRun.RunAsync(new Dictionary<string, string?>(), "tokens", "list", "--json", "--db", Db);

        json.ShouldContain("from-env");
    }
}
