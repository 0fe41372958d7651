using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Receipts.Server.Apis;
using Receipts.Server.Dashboard;
using Receipts.Server.Metrics;
using Receipts.Server.Storage;

namespace Receipts.Server;

/// <summary>
/// Builds the collector host that <c>receipts serve</c> runs in-process (and tests start on a random port).
/// Kestrel, loopback by default; one file per area under <c>Apis/</c>.
/// </summary>
public static class ReceiptsServer
{
    /// <param name="configure">Lets a host adjust services or logging before the app is built (tests quieten logs).</param>
    public static WebApplication Build(ReceiptsServerOptions options, ServerStore store, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Each area lowers this for its own routes (RequestBody.ApplyLimit); this is the ceiling.
            kestrel.Limits.MaxRequestBodySize = Math.Max(options.UsageBodyLimitBytes, options.OtlpBodyLimitBytes);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.Logging.ClearProviders();
        // Logs go to stderr so stdout stays for results.
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Services.AddReceiptsServer(options, store);
        builder.Services.AddDashboard(store);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseMiddleware<RequestMetricsMiddleware>();
        MapEndpoints(app, options);
        return app;
    }

    /// <summary>Every area of the server, one line each.</summary>
    public static IEndpointRouteBuilder MapEndpoints(IEndpointRouteBuilder app, ReceiptsServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        app.MapHealthApi();
        app.MapMetricsApi(options.PublicMetrics);
        app.MapUsageApi();
        app.MapOtlpApi();
        app.MapDashboard();
        return app;
    }
}
