using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Receipts.Sources.Tests.Billing;

namespace Receipts.Sources.Tests.Gateways;

/// <summary>
/// A Kestrel server on 127.0.0.1 answering a test's routes (by path), counting calls per path and keeping each
/// request's method, path, query and body, so tests can assert exactly which requests an import made.
/// </summary>
internal sealed class RouteServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private FakeApiServer? _server;

    private RouteServer(Func<RouteCall, Task> handler)
    {
        Handler = handler;
    }

    public Func<RouteCall, Task> Handler { get; set; }

    public Uri BaseUrl => _server!.BaseUrl;

    public ConcurrentQueue<RouteCall> Calls { get; } = new();

    public static async Task<RouteServer> StartAsync(Func<RouteCall, Task> handler)
    {
        var route = new RouteServer(handler);
        route._server = await FakeApiServer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Path.Value!;
            var call = new RouteCall(context, context.Request.Method, path, context.Request.QueryString.Value ?? string.Empty, body, route._calls.AddOrUpdate(path, 1, (_, n) => n + 1));
            route.Calls.Enqueue(call);
            await route.Handler(call);
        });
        return route;
    }

    public int Count(string path) => Calls.Count(c => c.Path == path);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
