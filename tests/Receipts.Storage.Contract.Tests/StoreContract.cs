using Microsoft.Extensions.Time.Testing;
using Receipts.Domain.Storage;

namespace Receipts.Storage.Contract.Tests;

/// <summary>
/// The base of every contract class: one fresh, empty store per test, opened by the concrete store's subclass.
/// </summary>
public abstract class StoreContract<TStore> : IAsyncLifetime
    where TStore : class, IUsageStore, ITokenStore, IStoreHealth, IAsyncDisposable
{
    protected static readonly CancellationToken Ct = CancellationToken.None;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));

    protected TStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await OpenAsync(Time);

    public async Task DisposeAsync()
    {
        if (Store is not null)
        {
            await Store.DisposeAsync();
        }

        await CleanupAsync();
    }

    /// <summary>Opens a fresh, empty store.</summary>
    protected abstract Task<TStore> OpenAsync(FakeTimeProvider time);

    /// <summary>Opens a second handle on the same store (another replica, or the same file after a restart).</summary>
    protected abstract Task<TStore> ReopenAsync(FakeTimeProvider time);

    protected virtual Task CleanupAsync() => Task.CompletedTask;
}
