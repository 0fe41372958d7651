using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Receipts.Domain.Tokens;
using Receipts.Domain.Usage;
using Receipts.Server.Auth;
using Receipts.Server.Ingest;
using Receipts.Server.Metrics;
using Receipts.Server.Runaway;
using Receipts.Sources.Otlp;

namespace Receipts.Server.Apis;

/// <summary>
/// OTLP/HTTP: <c>POST /v1/metrics</c>, <c>/v1/logs</c>, <c>/v1/traces</c>, protobuf or JSON, gzip accepted
/// (docs/collector-otlp.md). The receiver decodes, drops content attributes, converts to usage records and
/// commits them with their temporality cursors in one transaction before answering 2xx.
/// </summary>
public static class OtlpApi
{
    public static IEndpointRouteBuilder MapOtlpApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/metrics", PostMetricsAsync).RequireScope(TokenScope.Ingest);
        app.MapPost("/v1/logs", PostLogsAsync).RequireScope(TokenScope.Ingest);
        app.MapPost("/v1/traces", PostTracesAsync).RequireScope(TokenScope.Ingest);
        return app;
    }

    internal static Task<IResult> PostMetricsAsync(HttpContext context, OtlpReceiver receiver, CollectorMetrics metrics, IEnumerable<IUsageTap> taps, CancellationToken cancellationToken) =>
        PostAsync(OtlpSignal.Metrics, "otlp_metrics", context, receiver, metrics, taps, cancellationToken);

    internal static Task<IResult> PostLogsAsync(HttpContext context, OtlpReceiver receiver, CollectorMetrics metrics, IEnumerable<IUsageTap> taps, CancellationToken cancellationToken) =>
        PostAsync(OtlpSignal.Logs, "otlp_logs", context, receiver, metrics, taps, cancellationToken);

    internal static Task<IResult> PostTracesAsync(HttpContext context, OtlpReceiver receiver, CollectorMetrics metrics, IEnumerable<IUsageTap> taps, CancellationToken cancellationToken) =>
        PostAsync(OtlpSignal.Traces, "otlp_traces", context, receiver, metrics, taps, cancellationToken);

    private static async Task<IResult> PostAsync(OtlpSignal signal, string area, HttpContext context, OtlpReceiver receiver, CollectorMetrics metrics, IEnumerable<IUsageTap> taps, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var caller = context.GetCaller();
        Func<UsageRecord, UsageRecord>? tag = caller.Team is { } team ? r => UsageIngest.WithTeam(r, team) : null;
        var request = context.Request;
        var result = await receiver.IngestAsync(signal, request.Body, request.ContentType, request.Headers.ContentEncoding.ToString(), tag, cancellationToken);
        if (result.StatusCode is >= 200 and < 300)
        {
            metrics.Committed(area, result.Records, result.Write);
            if (result.Committed is { } committed)
            {
                // Only an all-new batch adds to the spend counters, so a replay never counts twice.
                metrics.SpendWhenAllNew(result.AllNew, result.Applied, committed);
            }

            if (result.Committed is { Count: > 0 } records)
            {
                // The live runaway watch sees telemetry as it sees /v1/usage and hooks.
                foreach (var tap in taps)
                {
                    tap.Offer(records);
                }
            }

            metrics.Batch(area, Stopwatch.GetElapsedTime(started));
        }
        else
        {
            metrics.Rejected(result.StatusCode switch
            {
                413 => "too_large",
                415 => "unsupported_media_type",
                503 => "store_unavailable",
                _ => "malformed",
            });
        }

        return new OtlpResult(result);
    }

    /// <summary>The receiver's answer as it made it: status, OTLP content type and the Export*ServiceResponse body.</summary>
    private sealed class OtlpResult(OtlpIngestResult result) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = result.StatusCode;
            httpContext.Response.ContentType = result.ContentType;
            return httpContext.Response.Body.WriteAsync(result.Body, httpContext.RequestAborted).AsTask();
        }
    }
}
