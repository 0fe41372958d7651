using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Receipts.Domain.Storage;

namespace Receipts.Server.Apis;

/// <summary><c>GET /healthz</c>: 200 when the store answers, 503 otherwise. No token, so load balancers and probes can call it.</summary>
public static class HealthApi
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", GetHealthAsync);
        return app;
    }

    internal static async Task<IResult> GetHealthAsync(IStoreHealth store, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await store.PingAsync(timeout.Token);
            return TypedResults.Ok(new HealthResponse("ok", "reachable"));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Problems.Problem(StatusCodes.Status503ServiceUnavailable, "Store unreachable", "The store did not answer a ping within 3 seconds.");
        }
    }
}
