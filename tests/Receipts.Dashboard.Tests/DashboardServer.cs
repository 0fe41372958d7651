using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Receipts.Domain.Metrics;
using Receipts.Domain.Pipeline;
using Receipts.Domain.Tokens;
using Receipts.Server;
using Receipts.Server.Dashboard;
using Receipts.Server.Storage;
using Receipts.Sources.Configuration;
using Receipts.Storage.DuckDb;

namespace Receipts.Dashboard.Tests;

/// <summary>
/// `receipts serve` in this process on 127.0.0.1:0 over a copy of the demo store, with a read, an admin and an
/// ingest token. <see cref="ExpectedCpvoAsync"/> runs the CPVO report on an untouched second copy: the numbers
/// the CLI prints, computed without the server.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServerStore _store;
    private readonly string _expectedStore;
    private readonly string _configPath;

    private DashboardServer(WebApplication app, ServerStore store, string expectedStore, string configPath, Uri address)
    {
        _app = app;
        _store = store;
        _expectedStore = expectedStore;
        _configPath = configPath;
        Address = address;
    }

    public Uri Address { get; }

    public string ReadToken { get; private set; } = string.Empty;

    public string AdminToken { get; private set; } = string.Empty;

    public string IngestToken { get; private set; } = string.Empty;

    /// <param name="prepare">Runs on the served store before the server starts (e.g. writes billing).</param>
    public static async Task<DashboardServer> StartAsync(DemoFixture demo, string name, Func<ServerStore, Task>? prepare = null)
    {
        var folder = Directory.CreateDirectory(Path.Combine(demo.Root, name)).FullName;
        var served = Path.Combine(folder, "served.duckdb");
        var expected = Path.Combine(folder, "expected.duckdb");
        File.Copy(demo.StorePath, served);
        File.Copy(demo.StorePath, expected);
        var store = await ServerStore.OpenAsync(new StoreSpec(StoreKind.DuckDb, served), TimeProvider.System, CancellationToken.None);
        var read = await CreateTokenAsync(store, "dashboard-reader", TokenScope.Read);
        var admin = await CreateTokenAsync(store, "dashboard-admin", TokenScope.Admin);
        var ingest = await CreateTokenAsync(store, "laptops", TokenScope.Ingest);
        if (prepare is not null)
        {
            await prepare(store);
        }
        var app = ReceiptsServer.Build(new ReceiptsServerOptions { Urls = ["http://127.0.0.1:0"] }, store, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(new DashboardOptions { LoadDirectory = ct => DirectoryLoader.LoadAsync(demo.ConfigPath, ct) });
        });
        await app.StartAsync();
        var server = new DashboardServer(app, store, expected, demo.ConfigPath, new Uri(app.Urls.Single()))
        {
            ReadToken = read,
            AdminToken = admin,
            IngestToken = ingest,
        };
        await server.WaitForSnapshotAsync(0);
        return server;
    }

    /// <summary>The snapshot's status (version, as-of), read the way a browser would, with the login cookie.</summary>
    public async Task<JsonElement> StatusAsync()
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        handler.CookieContainer.Add(Address, new Cookie("receipts_dashboard", ReadToken));
        using var client = new HttpClient(handler) { BaseAddress = Address };
        return await client.GetFromJsonAsync<JsonElement>("/dashboard/api/status");
    }

    /// <summary>Waits until a snapshot newer than <paramref name="version"/> is served; returns it.</summary>
    public async Task<JsonElement> WaitForSnapshotAsync(long version)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var status = await StatusAsync();
            if (status.GetProperty("version").ValueKind == JsonValueKind.Number && status.GetProperty("version").GetInt64() > version)
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("No dashboard snapshot after 3 minutes: " + status);
            }

            await Task.Delay(200);
        }
    }

    /// <summary>`receipts report cpvo --by team --weeks N --as-of AS_OF` on the untouched copy, through the CLI's own service.</summary>
    public async Task<CpvoService.Result> ExpectedCpvoAsync(int weeks, DateTimeOffset asOf)
    {
        var directory = new DirectoryView(await DirectoryLoader.LoadAsync(_configPath, CancellationToken.None));
        await using var store = await DuckDbStore.OpenAsync(_expectedStore, TimeProvider.System, CancellationToken.None);
        return await CpvoService.RunAsync(
            store,
            directory,
            new CpvoService.Request(CpvoGrouping.Team, weeks, asOf, directory.Zone ?? TimeZoneInfo.Utc, Trend: false),
            CancellationToken.None);
    }

    /// <summary>The reconciliation cells of the demo store (before any server touched it), as the CLI computes them.</summary>
    public static async Task<IReadOnlyList<Receipts.Domain.Reconciliation.CellSummary>> ExpectedCellsAsync(DemoFixture demo, DateTimeOffset asOf)
    {
        var directory = new DirectoryView(await DirectoryLoader.LoadAsync(demo.ConfigPath, CancellationToken.None));
        var copy = Path.Combine(demo.Root, "cells-" + Guid.NewGuid().ToString("n")[..6] + ".duckdb");
        File.Copy(demo.StorePath, copy);
        await using var store = await DuckDbStore.OpenAsync(copy, TimeProvider.System, CancellationToken.None);
        var result = await CpvoService.RunAsync(store, directory, new CpvoService.Request(CpvoGrouping.Team, 8, asOf, directory.Zone ?? TimeZoneInfo.Utc, Trend: false), CancellationToken.None);
        return result.Ledger.Cells;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
    }

    private static async Task<string> CreateTokenAsync(ServerStore store, string name, TokenScope scope)
    {
        var secret = TokenSecret.Generate();
        await store.Tokens.CreateTokenAsync(new ApiToken { Name = name, Hash = TokenSecret.Hash(secret), Scope = scope, CreatedAt = TimeProvider.System.GetUtcNow() }, CancellationToken.None);
        return secret;
    }
}
