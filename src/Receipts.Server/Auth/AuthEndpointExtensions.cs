using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Receipts.Domain.Tokens;

namespace Receipts.Server.Auth;

public static class AuthEndpointExtensions
{
    /// <summary>
    /// Every endpoint under <paramref name="builder"/> needs a bearer token whose scope covers <paramref name="scope"/>.
    /// Handlers read the caller with <see cref="GetCaller"/>. Read the request body inside the handler (not by
    /// parameter binding) so it is never parsed for an unauthorised sender.
    /// </summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, TokenScope scope)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(new ScopeFilter(scope));
        return builder;
    }

    /// <summary>The caller authenticated by <see cref="RequireScope"/>; throws on a route without it (a wiring bug).</summary>
    public static Caller GetCaller(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<Caller>()
            ?? throw new InvalidOperationException("This endpoint has no RequireScope(...): no caller is authenticated.");
    }
}
