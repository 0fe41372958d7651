using Receipts.Domain.Attribution;

namespace Receipts.Domain.Storage;

/// <summary>Manual attribution fixes: facts, appended and never deleted (a later one wins).</summary>
public interface ICorrectionStore
{
    Task WriteCorrectionAsync(Correction correction, CancellationToken cancellationToken);

    Task<IReadOnlyList<Correction>> ReadCorrectionsAsync(CancellationToken cancellationToken);
}
