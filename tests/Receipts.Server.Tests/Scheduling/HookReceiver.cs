using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Receipts.Server.Tests.Scheduling;

/// <summary>A local webhook receiver on 127.0.0.1: answers 200 and keeps every (path, body).</summary>
internal sealed class HookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, string Body)> Posts { get; } = new();

    public string Base { get; private set; } = string.Empty;

    public IEnumerable<string> BodiesAt(string path) => Posts.Where(p => p.Path == path).Select(p => p.Body);

    public static async Task<HookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new HookReceiver(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            receiver.Posts.Enqueue((context.Request.Path.Value ?? string.Empty, await reader.ReadToEndAsync()));
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await app.StartAsync();
        receiver.Base = app.Urls.First().TrimEnd('/');
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
