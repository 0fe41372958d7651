using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Receipts.Server.Dashboard.Snapshots;
using Receipts.Server.Storage;

namespace Receipts.Server.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// The dashboard over <paramref name="store"/>: the background snapshot, server-rendered pages and antiforgery.
    /// Register a <see cref="DashboardOptions"/> after this (the host's wins) to name the directory file.
    /// </summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, ServerStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        services.TryAddSingleton(new DashboardOptions());
        services.TryAddSingleton(provider => new DashboardSnapshots(
            DashboardStoreFactory.For(store.Usage),
            provider.GetRequiredService<DashboardOptions>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<DashboardSnapshots>>()));
        services.AddHostedService(provider => provider.GetRequiredService<DashboardSnapshots>());
        services.AddRazorComponents();
        // Form tokens only need to outlive a page view; keys in memory, nothing written under ~/.aspnet.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "receipts_antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            // The login cookie is always Secure; the form token follows the request so plain http on loopback works.
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.FormFieldName = "__af";
        });
        return services;
    }
}
