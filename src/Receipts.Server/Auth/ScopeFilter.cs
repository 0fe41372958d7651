using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Receipts.Domain.Tokens;
using Receipts.Server.Apis;
using Receipts.Server.Metrics;

namespace Receipts.Server.Auth;

/// <summary>
/// Requires <c>Authorization: Bearer rcpt_…</c> with a token whose scope covers <see cref="_scope"/>.
/// Answers 401 (missing or unknown token) or 403 (wrong scope) as ProblemDetails that say which.
/// Runs before the handler reads the body, so an unauthorised sender never gets its payload parsed.
/// </summary>
internal sealed class ScopeFilter(TokenScope scope) : IEndpointFilter
{
    private readonly TokenScope _scope = scope;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var metrics = http.RequestServices.GetRequiredService<CollectorMetrics>();
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
        {
            metrics.Rejected("unauthenticated");
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Unauthorized(
                "Missing bearer token",
                $"This route needs a token with the {Name(_scope)} scope: send 'Authorization: Bearer rcpt_…'. Create one with `receipts tokens create --scope {Name(_scope)}`.");
        }

        var authenticator = http.RequestServices.GetRequiredService<TokenAuthenticator>();
        var caller = await authenticator.AuthenticateAsync(header["Bearer ".Length..].Trim(), http.RequestAborted);
        if (caller is null)
        {
            metrics.Rejected("unknown_token");
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return Problems.Unauthorized(
                "Unknown token",
                "The bearer token is not known to this server (mistyped, revoked, or created against another store). See `receipts tokens list`.");
        }

        if (!caller.Scope.Covers(_scope))
        {
            metrics.Rejected("wrong_scope");
            return Problems.Forbidden(
                "Wrong token scope",
                $"Token '{caller.TokenName}' has the {Name(caller.Scope)} scope; this route needs {Name(_scope)} (or admin).");
        }

        http.Features.Set(caller);
        return await next(context);
    }

    internal static string Name(TokenScope scope) => scope.ToString().ToLowerInvariant();
}
