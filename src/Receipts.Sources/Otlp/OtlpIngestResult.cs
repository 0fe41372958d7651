using Receipts.Domain.Storage;

namespace Receipts.Sources.Otlp;

/// <summary>
/// What the HTTP endpoint answers: status, content type and body are ready to send as they are.
/// <see cref="Write"/> is null when nothing was written (an error, or nothing to record), or when the batch was
/// committed together with others whose counts cannot be told apart from its own; <see cref="AllNew"/> says
/// whether every record of it was new.
/// </summary>
public sealed record OtlpIngestResult(
    int StatusCode,
    string ContentType,
    byte[] Body,
    int Records,
    int Rejected,
    int Ignored,
    int DroppedContentAttributes,
    UsageWriteResult? Write,
    IReadOnlyList<OtlpDiagnostic> Diagnostics,
    IReadOnlyList<Receipts.Domain.Usage.UsageRecord>? Committed = null,
    bool AllNew = false)
{
    /// <summary>Set when the batch was answered from the collector's journal before the store applied it: the store's answer, later.</summary>
    public Task<UsageWrite>? Applied { get; init; }
}
