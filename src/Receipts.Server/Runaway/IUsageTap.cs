using Receipts.Domain.Usage;

namespace Receipts.Server.Runaway;

/// <summary>Sees every committed batch after the commit. Must return at once: it is on the ingest path.</summary>
public interface IUsageTap
{
    void Offer(IReadOnlyCollection<UsageRecord> records);
}
