using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Receipts.Domain.Tokens;
using Receipts.Server.Auth;
using Receipts.Server.Metrics;

namespace Receipts.Server.Apis;

/// <summary>
/// <c>GET /metrics</c> in the Prometheus text format. Behind a read token by default (spend by team is business
/// data); <c>--public-metrics</c> opens it for a scraper that cannot send a bearer token.
/// </summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app, bool isPublic)
    {
        var endpoint = app.MapGet("/metrics", GetMetricsAsync);
        if (!isPublic)
        {
            endpoint.RequireScope(TokenScope.Read);
        }

        return app;
    }

    internal static async Task GetMetricsAsync(HttpContext context, CollectorMetrics metrics, CancellationToken cancellationToken)
    {
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await metrics.WriteAsync(context.Response.Body, cancellationToken);
    }
}
