using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Sources.Otlp;

/// <summary>
/// What one batch became: records and the temporality cursors to write with them, how many items were
/// rejected (bad data: counted and reported as partial success), and how many were ignored by design
/// (other events, other metrics, the stream that is not the ledger).
/// </summary>
internal sealed record OtlpConversion(
    IReadOnlyList<UsageRecord> Records,
    IReadOnlyList<SourceCursor> Cursors,
    int Rejected,
    int Ignored,
    IReadOnlyList<OtlpDiagnostic> Diagnostics);
