using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Receipts.Domain.Tokens;
using Receipts.Server.Auth;

namespace Receipts.Server.Dashboard.Auth;

/// <summary>
/// Lets a request through only with a dashboard cookie holding a token of the read scope (or admin). Pages
/// without one redirect to the login page; data (CSV, JSON) answers 401. Either way no number is sent.
/// </summary>
internal sealed class DashboardAuthFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var caller = await AuthenticateAsync(http);
        if (caller is null)
        {
            if (WantsData(http.Request))
            {
                http.Response.Headers.WWWAuthenticate = "Cookie realm=\"receipts dashboard\"";
                return TypedResults.Problem(
                    title: "Not logged in",
                    detail: "Log in at /login with a read-scope token (`receipts tokens create --scope read`).",
                    statusCode: StatusCodes.Status401Unauthorized);
            }

            var next_ = http.Request.Path + http.Request.QueryString;
            return TypedResults.Redirect("/login?next=" + Uri.EscapeDataString(next_));
        }

        http.Features.Set(caller);
        return await next(context);
    }

    /// <summary>The caller of the dashboard cookie, or null (missing, unknown, revoked or ingest-only token).</summary>
    public static async Task<Caller?> AuthenticateAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (DashboardCookie.Read(http.Request) is not { } token)
        {
            return null;
        }

        var authenticator = http.RequestServices.GetRequiredService<TokenAuthenticator>();
        var caller = await authenticator.AuthenticateAsync(token, http.RequestAborted);
        return caller is not null && caller.Scope.Covers(TokenScope.Read) ? caller : null;
    }

    private static bool WantsData(HttpRequest request) =>
        request.Query.ContainsKey("format") || request.Path.StartsWithSegments("/dashboard/api", StringComparison.Ordinal);
}
