using Microsoft.AspNetCore.Http;

namespace Receipts.Server.Dashboard.Auth;

/// <summary>
/// The dashboard's login: the read-scope token itself, in a cookie the page's scripts cannot read (HttpOnly), sent
/// only over HTTPS or to loopback (Secure) and never on a request another site starts (SameSite=Strict). The server
/// checks it like a bearer token on every request, so revoking the token logs the browser out within the
/// token cache's lifetime.
/// </summary>
internal static class DashboardCookie
{
    public const string Name = "receipts_dashboard";

    public static void Set(HttpResponse response, string token, TimeSpan lifetime) =>
        response.Cookies.Append(Name, token, Options(lifetime));

    public static void Clear(HttpResponse response) => response.Cookies.Delete(Name, Options(TimeSpan.Zero));

    public static string? Read(HttpRequest request) => request.Cookies.TryGetValue(Name, out var token) && token.Length > 0 ? token : null;

    private static CookieOptions Options(TimeSpan lifetime) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        MaxAge = lifetime > TimeSpan.Zero ? lifetime : null,
        IsEssential = true,
    };
}
