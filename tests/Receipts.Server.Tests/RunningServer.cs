using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Receipts.Domain.Tokens;
using Receipts.Server.Storage;

namespace Receipts.Server.Tests;

/// <summary>The real server (Kestrel on 127.0.0.1, a random port) over a real store, with one token per role.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(WebApplication app, ServerStore store, Uri address)
    {
        App = app;
        Store = store;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public WebApplication App { get; }

    public ServerStore Store { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public string IngestToken { get; private set; } = string.Empty;

    public string TeamToken { get; private set; } = string.Empty;

    public string ReadToken { get; private set; } = string.Empty;

    public string AdminToken { get; private set; } = string.Empty;

    public static async Task<RunningServer> StartAsync(
        ServerStore store, FakeTimeProvider time, Action<ReceiptsServerOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        // Most tests read the store right after a 2xx, so batches are answered only once the store has them; the journal's
        // tests turn the early answer on (configure).
        var options = new ReceiptsServerOptions { Urls = ["http://127.0.0.1:0"], UsageBodyLimitBytes = 64 * 1024, JournalAckAfter = null };
        configure?.Invoke(options);
        var app = ReceiptsServer.Build(options, store, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton<TimeProvider>(time);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        var server = new RunningServer(app, store, new Uri(app.Urls.Single()));
        server.IngestToken = await server.CreateTokenAsync("ingest", TokenScope.Ingest, null, time);
        server.TeamToken = await server.CreateTokenAsync("payments-ingest", TokenScope.Ingest, "payments", time);
        server.ReadToken = await server.CreateTokenAsync("grafana", TokenScope.Read, null, time);
        server.AdminToken = await server.CreateTokenAsync("admin", TokenScope.Admin, null, time);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Store.DisposeAsync();
    }

    private async Task<string> CreateTokenAsync(string name, TokenScope scope, string? team, TimeProvider time)
    {
        var secret = TokenSecret.Generate();
        await Store.Tokens.CreateTokenAsync(new ApiToken { Name = name, Hash = TokenSecret.Hash(secret), Scope = scope, Team = team, CreatedAt = time.GetUtcNow() }, CancellationToken.None);
        return secret;
    }
}
