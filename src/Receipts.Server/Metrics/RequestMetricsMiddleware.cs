using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Receipts.Server.Metrics;

/// <summary>Counts every answered request by route template (never the raw path: bounded labels) and status.</summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, CollectorMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            metrics.Request(route, context.Response.StatusCode);
        }
    }
}
