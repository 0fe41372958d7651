using Receipts.Sources.Otlp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Receipts.Domain.Storage;
using Receipts.Server.Auth;
using Receipts.Server.Ingest;
using Receipts.Server.Metrics;
using Receipts.Server.Storage;

namespace Receipts.Server;

public static class ServerServiceCollectionExtensions
{
    /// <summary>
    /// The collector's services over an opened <paramref name="store"/>. <c>TryAdd</c> throughout, so a host
    /// (or a test) registers its own <see cref="TimeProvider"/> or <see cref="ISpendEstimator"/> first to override.
    /// </summary>
    public static IServiceCollection AddReceiptsServer(this IServiceCollection services, ReceiptsServerOptions options, ServerStore store)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        services.AddProblemDetails();
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(store.Usage);
        services.TryAddSingleton(store.Tokens);
        services.TryAddSingleton(store.Health);
        services.TryAddSingleton<ISpendEstimator, NoSpendEstimator>();
        services.TryAddSingleton<CollectorMetrics>();
        services.TryAddSingleton(new OtlpIngestOptions { MaxBodyBytes = options.OtlpBodyLimitBytes });
        services.TryAddSingleton(provider => new OtlpReceiver(provider.GetRequiredService<IUsageStore>(), provider.GetRequiredService<OtlpIngestOptions>(), provider.GetRequiredService<GroupCommitter>()));
        services.TryAddSingleton<TokenAuthenticator>();
        services.TryAddSingleton(provider => new GroupCommitter(
            provider.GetRequiredService<IUsageStore>(),
            store.SingleWriter,
            options.JournalAckAfter is null ? null : store.Journal,
            options.JournalAckAfter,
            provider.GetRequiredService<CollectorMetrics>().JournalAnswered));
        services.AddHostedService<CommitterDrain>();
        services.TryAddSingleton<IUsageIngest, UsageIngest>();
        return services;
    }
}
