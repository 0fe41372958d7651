using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Receipts.Domain.Tokens;
using Receipts.Server.Apis.UsageJson;
using Receipts.Server.Auth;
using Receipts.Server.Ingest;
using Receipts.Server.Metrics;

namespace Receipts.Server.Apis;

/// <summary><c>POST /v1/usage</c>: a batch of usage records in Receipts' own JSON schema (docs/collector.md).</summary>
public static class UsageApi
{
    public const string Area = "usage";

    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/usage", PostUsageAsync).RequireScope(TokenScope.Ingest);
        app.MapPost("/v1/hooks/usage", PostHookUsageAsync).RequireScope(TokenScope.Ingest);
        return app;
    }

    /// <summary>The area of <c>POST /v1/hooks/usage</c>: the same schema, sent by <c>receipts hook session-end|session-start</c>.</summary>
    public const string HooksArea = "hooks";

    internal static Task<IResult> PostUsageAsync(HttpContext context, IUsageIngest ingest, CollectorMetrics metrics, ReceiptsServerOptions options, TimeProvider time, CancellationToken cancellationToken) =>
        PostAsync(Area, context, ingest, metrics, options, time, cancellationToken);

    internal static Task<IResult> PostHookUsageAsync(HttpContext context, IUsageIngest ingest, CollectorMetrics metrics, ReceiptsServerOptions options, TimeProvider time, CancellationToken cancellationToken) =>
        PostAsync(HooksArea, context, ingest, metrics, options, time, cancellationToken);

    private static async Task<IResult> PostAsync(string area, HttpContext context, IUsageIngest ingest, CollectorMetrics metrics, ReceiptsServerOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!RequestBody.HasMediaType(request, "application/json"))
        {
            metrics.Rejected("unsupported_media_type");
            return Problems.UnsupportedMediaType(request.ContentType, "application/json");
        }

        var (batch, problem) = await RequestBody.ReadJsonAsync(request, options.UsageBodyLimitBytes, UsageJsonContext.Default.UsageBatchJson, cancellationToken);
        if (problem is not null)
        {
            metrics.Rejected(problem is Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult { StatusCode: StatusCodes.Status413PayloadTooLarge } ? "too_large" : "malformed");
            return problem;
        }

        if (batch!.Records is not { } records)
        {
            metrics.Rejected("malformed");
            return Problems.Malformed("The body has no \"records\" array: send {\"records\":[{…}]}.");
        }

        var errors = new List<RecordError>();
        var mapped = UsageRecordMapper.Map(records, errors);
        if (errors.Count > 0)
        {
            // Report every problem in the batch at once, not only the ones found while reading the JSON.
            var now = time.GetUtcNow();
            foreach (var (index, record) in mapped)
            {
                UsageValidator.Validate(index, record, now, errors);
            }

            metrics.Rejected("invalid_record");
            return Problems.InvalidRecords([.. errors.OrderBy(e => e.Index)]);
        }

        var outcome = await ingest.IngestAsync([.. mapped.Select(m => m.Record)], context.GetCaller(), area, cancellationToken);
        return outcome.ToHttpResult();
    }
}
