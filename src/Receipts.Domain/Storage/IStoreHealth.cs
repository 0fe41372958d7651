namespace Receipts.Domain.Storage;

/// <summary>A cheap round trip to the store, for health endpoints.</summary>
public interface IStoreHealth
{
    /// <summary>Throws when the store cannot be reached.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
