using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Receipts.Domain.Attribution;
using Receipts.Domain.Tokens;
using Receipts.Server.Auth;
using Receipts.Server.Dashboard.Auth;
using Receipts.Server.Dashboard.Pages;
using Receipts.Server.Dashboard.Snapshots;
using Receipts.Server.Dashboard.Tables;

namespace Receipts.Server.Dashboard;

/// <summary>
/// The dashboard at <c>/</c>: login and logout, the pages (server-rendered from the snapshot), each table as CSV
/// with <c>?format=csv&amp;table=ID</c>, the disagreements queue's fix, and the scripts and style it needs.
/// </summary>
public static class DashboardEndpoints
{
    private const string ResourcePrefix = "Receipts.Server.Dashboard.";
    private static readonly string[] Assets = ["dashboard.css", "dashboard.js", "theme.js", "chart.umd.min.js"];
    private static readonly bool ChartsAvailable = typeof(DashboardEndpoints).Assembly.GetManifestResourceInfo(ResourcePrefix + "chart.umd.min.js") is not null;

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", LoginPage);
        app.MapPost("/login", LoginAsync);
        app.MapPost("/logout", LogoutAsync);
        app.MapGet("/dashboard/assets/{name}", Asset);

        var pages = app.MapGroup(string.Empty).AddEndpointFilter(new DashboardAuthFilter());
        pages.MapGet("/", (HttpContext http) => Render(http, DashboardPages.Home));
        pages.MapGet("/teams/{team}", (HttpContext http, string team) => Render(http, (s, f) => DashboardPages.Team(s, f, team)));
        pages.MapGet("/projects/{project}", (HttpContext http, string project) => Render(http, (s, f) => DashboardPages.Project(s, f, project)));
        pages.MapGet("/people/{person}", (HttpContext http, string person) => Render(http, (s, f) => DashboardPages.Person(s, f, person)));
        pages.MapGet("/sessions/{id}", (HttpContext http, string id) => Render(http, (s, f) => DashboardPages.Session(s, f, id, http.GetCaller().Scope.Covers(TokenScope.Admin))));
        pages.MapGet("/change", (HttpContext http, string repo, string id) => Render(http, (s, f) => DashboardPages.Change(s, f, repo, id)));
        pages.MapGet("/spend", (HttpContext http) => Render(http, DashboardPages.Spend));
        pages.MapGet("/reconciliation", (HttpContext http) => Render(http, DashboardPages.Reconciliation));
        pages.MapGet("/attribution", (HttpContext http) => Render(http, (s, _) => DashboardPages.Attribution(s, http.GetCaller().Scope.Covers(TokenScope.Admin))));
        pages.MapPost("/attribution/fix", FixAsync);
        pages.MapPost("/dashboard/refresh", RefreshAsync);
        pages.MapGet("/dashboard/api/status", Status);
        return app;
    }

    private static IResult Render(HttpContext http, Func<DashboardSnapshot, Filters, DashboardPage?> build)
    {
        var snapshots = http.RequestServices.GetRequiredService<DashboardSnapshots>();
        var snapshot = snapshots.Current;
        SecurityHeaders(http.Response);
        var wantsCsv = string.Equals(http.Request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase);
        if (snapshot is null)
        {
            var why = snapshots.Available
                ? snapshots.LastError is { } error ? "The snapshot could not be computed: " + error : "The first snapshot is being computed; reload in a moment."
                : "The dashboard is off on this server: it was started with --no-dashboard (docs/dashboard.md).";
            if (wantsCsv)
            {
                return TypedResults.Problem(title: "No snapshot yet", detail: why, statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            return Page(http, new DashboardPage { Title = "Receipts", Notes = [why] }, Shell(http, snapshots, null), StatusCodes.Status503ServiceUnavailable);
        }

        var filters = Filters.From(http.Request, snapshot);
        var page = build(snapshot, filters);
        if (page is null)
        {
            if (wantsCsv)
            {
                return TypedResults.NotFound();
            }

            return Page(http, new DashboardPage { Title = "Not found", Notes = ["Nothing by that name in this snapshot."], Crumbs = [("Home", "/")] }, Shell(http, snapshots, filters), StatusCodes.Status404NotFound);
        }

        if (wantsCsv)
        {
            var id = http.Request.Query["table"].ToString();
            var table = page.Tables.FirstOrDefault(t => t.Id == id) ?? (id.Length == 0 && page.Tables.Count > 0 ? page.Tables[0] : null);
            if (table is null)
            {
                return TypedResults.Problem(
                    title: "Unknown table",
                    detail: $"This page's tables: {string.Join(", ", page.Tables.Select(t => t.Id))}.",
                    statusCode: StatusCodes.Status404NotFound);
            }

            var name = (page.Title + " " + table.Id).ToLowerInvariant().Replace(' ', '-');
            var safe = new string([.. name.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')]);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"receipts-{safe}-{snapshot.AsOf:yyyyMMdd}.csv\"";
            return TypedResults.Text(CsvWriter.Write(table), "text/csv; charset=utf-8");
        }

        return Page(http, page, Shell(http, snapshots, filters), StatusCodes.Status200OK);
    }

    private static RazorComponentResult<PageView> Page(HttpContext http, DashboardPage page, ShellModel shell, int status) =>
        new RazorComponentResult<PageView>(new Dictionary<string, object?> { ["Page"] = page, ["Shell"] = shell })
        {
            StatusCode = status,
        };

    private static ShellModel Shell(HttpContext http, DashboardSnapshots snapshots, Filters? filters)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var s = snapshots.Current;
        return new ShellModel
        {
            Path = http.Request.Path + http.Request.QueryString,
            User = http.Features.Get<Caller>() is { } caller ? $"{caller.TokenName} ({caller.Scope.ToString().ToLowerInvariant()})" : null,
            ComputedAt = s is null ? null : TimeZoneInfo.ConvertTime(s.ComputedAt, s.Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + $" {s.Zone.Id}, in {s.Took.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s",
            AsOf = s?.AsOf.ToString("O", CultureInfo.InvariantCulture),
            Version = s?.Version ?? 0,
            Computing = snapshots.Computing,
            Error = snapshots.LastError,
            Filters = filters,
            Teams = s is null ? [] : [.. s.Teams.Select(t => (t.Name, t.Band))],
            Bands = s is null ? [] : [.. s.Teams.Select(t => t.Band).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            AntiforgeryField = tokens.FormFieldName,
            AntiforgeryToken = tokens.RequestToken ?? string.Empty,
            ChartsAvailable = ChartsAvailable,
            Notice = http.Request.Query["fixed"].ToString() is { Length: > 0 } fixedValue
                ? $"Correction recorded for {fixedValue}. The numbers follow as soon as the recompute finishes (the status line above says when)."
                : null,
        };
    }

    private static RazorComponentResult<LoginView> LoginPage(HttpContext http, string? next)
    {
        SecurityHeaders(http.Response);
        return Login(http, null, next, StatusCodes.Status200OK);
    }

    private static RazorComponentResult<LoginView> Login(HttpContext http, string? error, string? next, int status)
    {
        var snapshots = http.RequestServices.GetRequiredService<DashboardSnapshots>();
        return new RazorComponentResult<LoginView>(new Dictionary<string, object?>
        {
            ["Shell"] = Shell(http, snapshots, null),
            ["Error"] = error,
            ["Next"] = SafeNext(next),
        })
        {
            StatusCode = status,
        };
    }

    private static async Task<IResult> LoginAsync(HttpContext http, IAntiforgery antiforgery, TokenAuthenticator authenticator, DashboardOptions options, CancellationToken cancellationToken)
    {
        SecurityHeaders(http.Response);
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Login(http, "The form expired; try again.", null, StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var token = form["token"].ToString().Trim();
        var next = form["next"].ToString();
        var caller = token.Length == 0 ? null : await authenticator.AuthenticateAsync(token, cancellationToken);
        if (caller is null)
        {
            return Login(http, "Unknown token: mistyped, revoked, or created against another store. See `receipts tokens list`.", next, StatusCodes.Status401Unauthorized);
        }

        if (!caller.Scope.Covers(TokenScope.Read))
        {
            return Login(http, $"Token '{caller.TokenName}' has the {caller.Scope.ToString().ToLowerInvariant()} scope; the dashboard needs read (or admin).", next, StatusCodes.Status403Forbidden);
        }

        DashboardCookie.Set(http.Response, token, options.SessionLifetime);
        return TypedResults.Redirect(SafeNext(next));
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.BadRequest();
        }

        DashboardCookie.Clear(http.Response);
        return TypedResults.Redirect("/login");
    }

    private static async Task<IResult> FixAsync(HttpContext http, IAntiforgery antiforgery, DashboardSnapshots snapshots, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Problem(title: "Form expired", detail: "Reload the attribution page and try again.", statusCode: StatusCodes.Status400BadRequest);
        }

        var caller = http.GetCaller();
        if (!caller.Scope.Covers(TokenScope.Admin))
        {
            return TypedResults.Problem(
                title: "Fixing needs the admin scope",
                detail: $"Token '{caller.TokenName}' has the {caller.Scope.ToString().ToLowerInvariant()} scope: it may look, not correct. Log in with an admin token.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var target = form["target"].ToString() switch
        {
            "session" => CorrectionTarget.Session,
            "record" => CorrectionTarget.Record,
            "branch" => CorrectionTarget.Branch,
            _ => (CorrectionTarget?)null,
        };
        var value = form["value"].ToString().Trim();
        var project = form["project"].ToString().Trim();
        var reason = form["reason"].ToString().Trim();
        var known = snapshots.Current?.CorrectableProjects ?? [];
        var problem = target is null || value.Length == 0 ? "Name a session, record or branch to fix."
            : !known.Contains(project, StringComparer.Ordinal) ? $"Unknown project '{project}'. Known: {string.Join(", ", known)}."
            : reason.Length is 0 or > 500 ? "Say why (up to 500 characters): it stays with the correction for whoever reads the numbers later."
            : null;
        if (problem is not null)
        {
            return TypedResults.Problem(title: "Cannot record that correction", detail: problem, statusCode: StatusCodes.Status400BadRequest);
        }

        var correction = new Correction(Guid.NewGuid().ToString("n"), time.GetUtcNow(), "dashboard:" + caller.TokenName, reason, target!.Value, value, project);
        await snapshots.WriteCorrectionAsync(correction, cancellationToken);
        snapshots.RequestRefresh();
        var back = SafeNext(form["next"]) is var n && n != "/" ? n : "/attribution";
        return TypedResults.Redirect(back + (back.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "fixed=" + Uri.EscapeDataString(value));
    }

    private static async Task<IResult> RefreshAsync(HttpContext http, IAntiforgery antiforgery, DashboardSnapshots snapshots, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.BadRequest();
        }

        snapshots.RequestRefresh();
        var form = await http.Request.ReadFormAsync(cancellationToken);
        return TypedResults.Redirect(SafeNext(form["next"]));
    }

    private static Ok<SnapshotStatus> Status(DashboardSnapshots snapshots) => TypedResults.Ok(new SnapshotStatus(
        snapshots.Available,
        snapshots.Current?.Version,
        snapshots.Current?.ComputedAt,
        snapshots.Current?.AsOf,
        snapshots.Computing,
        snapshots.LastError));

    private static IResult Asset(HttpContext http, string name)
    {
        if (!Assets.Contains(name, StringComparer.Ordinal) || typeof(DashboardEndpoints).Assembly.GetManifestResourceStream(ResourcePrefix + name) is not { } stream)
        {
            return TypedResults.NotFound();
        }

        // Scripts and style change only with a new build; an hour keeps repeat loads off the wire.
        http.Response.Headers.CacheControl = "public, max-age=3600";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var type = name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
        return TypedResults.Stream(stream, type, lastModified: null, entityTag: null);
    }

    /// <summary>Only a path on this site: never an absolute URL or <c>//host</c> (an open redirect).</summary>
    private static string SafeNext(string? next) =>
        next is { Length: > 0 } n && n[0] == '/' && !n.StartsWith("//", StringComparison.Ordinal) && !n.StartsWith("/\\", StringComparison.Ordinal) ? n : "/";

    private static void SecurityHeaders(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "same-origin";
        response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'";
    }
}
