using Receipts.Domain.Billing;

namespace Receipts.Domain.Storage;

/// <summary>
/// Billing facts (what providers invoiced), the identity directory (key aliases, workspace and project
/// names and tags) and the cursors of the billing importers.
/// </summary>
public interface IBillingStore : ICursorStore
{
    /// <summary>
    /// In one transaction: deletes the stored lines of every scope of the write, inserts its lines, upserts
    /// its identities and saves its cursors. All or nothing; a line outside every scope is a bug and throws.
    /// </summary>
    Task<BillingWriteResult> WriteBillingAsync(BillingWrite write, CancellationToken cancellationToken);

    IAsyncEnumerable<BillingLine> ReadBillingLinesAsync(BillingFilter filter, CancellationToken cancellationToken);

    /// <summary>The identity directory, optionally of one source.</summary>
    Task<IReadOnlyList<BillingIdentity>> ReadBillingIdentitiesAsync(string? source, CancellationToken cancellationToken);

    /// <summary>Upserts seats by (tool, person, from) in one transaction; returns how many were new.</summary>
    Task<int> WriteSeatsAsync(IReadOnlyCollection<Seat> seats, CancellationToken cancellationToken);

    Task<IReadOnlyList<Seat>> ReadSeatsAsync(CancellationToken cancellationToken);
}
