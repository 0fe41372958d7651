using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Receipts.Sources.Tests.Fakes;

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 and a free port, answering scripted JSON per path,
/// and recording every request. One-shot replies (<see cref="Once"/>) go first, in order; then the route.
/// </summary>
internal sealed class LocalApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<RecordedRequest, Reply>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Reply>> _once = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private LocalApiServer(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<LocalApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new LocalApiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Answers every request to <paramref name="path"/> (raw, without the query).</summary>
    public void Route(string path, Func<RecordedRequest, Reply> handler) => _routes[path] = handler;

    public void Route(string path, Reply reply) => _routes[path] = _ => reply;

    /// <summary>Answers the next request to <paramref name="path"/> with <paramref name="reply"/>, before the route.</summary>
    public void Once(string path, Reply reply) => _once.GetOrAdd(path, _ => new()).Enqueue(reply);

    public Uri Url(string relative) => new(BaseUrl, relative.TrimStart('/'));

    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => [.. Requests.Where(r => r.Path == path)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? target : target[..queryStart];
        var query = queryStart < 0 ? string.Empty : target[queryStart..];
        using var bodyReader = new StreamReader(context.Request.Body);
        var body = await bodyReader.ReadToEndAsync();
        var request = new RecordedRequest(
            context.Request.Method,
            path,
            query,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body);
        _requests.Enqueue(request);

        Reply reply;
        if (_once.TryGetValue(path, out var queue) && queue.TryDequeue(out var once))
        {
            reply = once;
        }
        else if (_routes.TryGetValue(path, out var handler))
        {
            reply = handler(request);
        }
        else
        {
            reply = Reply.With(404, """{"message":"Not Found"}""");
        }

        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (reply.Status != 304)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(reply.Body);
        }
    }
}
