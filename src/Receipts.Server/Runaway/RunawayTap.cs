using System.Threading.Channels;
using Receipts.Domain.Usage;
using Receipts.Server.Metrics;

namespace Receipts.Server.Runaway;

/// <summary>
/// The collector's live stream into the runaway watch: a bounded channel of committed batches. Offering never
/// waits; when the watch falls behind and the channel is full the batch is dropped (the store has it: only the
/// live check misses it) and counted in <c>receipts_runaway_tap_dropped_records_total</c>.
/// </summary>
public sealed class RunawayTap(CollectorMetrics metrics) : IUsageTap
{
    /// <summary>Batches held for the watch before new ones are dropped.</summary>
    public const int Capacity = 1024;

    private readonly Channel<IReadOnlyCollection<UsageRecord>> _channel = Channel.CreateBounded<IReadOnlyCollection<UsageRecord>>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<IReadOnlyCollection<UsageRecord>> Reader => _channel.Reader;

    public void Offer(IReadOnlyCollection<UsageRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count > 0 && !_channel.Writer.TryWrite(records))
        {
            metrics.RunawayTapDropped(records.Count);
        }
    }
}
