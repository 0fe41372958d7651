using Receipts.Domain.Storage;

namespace Receipts.Sources.Otlp;

/// <summary>
/// The OTLP/HTTP receiver without the web framework: body bytes, Content-Type and Content-Encoding in;
/// status, content type and response body out. It never throws for bad input: a malformed payload is a
/// 400 with what and where, a store that is down a 503 (the exporter retries). 2xx is answered only
/// after the records (and the temporality cursors that produced them) are committed (invariant 7).
/// One instance per process; the server registers it as a singleton.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly IUsageStore _store;
    private readonly IUsageWriter _writer;
    private readonly OtlpIngestOptions _options;
    private readonly OtlpUsageConverter _converter;
    private readonly CumulativeTemporality _temporality = new();
    private readonly SemaphoreSlim _metricsGate = new(1, 1);

    public OtlpReceiver(IUsageStore store, OtlpIngestOptions options)
        : this(store, options, new DirectUsageWriter(store))
    {
    }

    /// <param name="store">Where the temporality cursors are read from at start.</param>
    /// <param name="writer">Where records and cursors are committed: the collector passes its group committer, so
    /// OTLP batches share transactions with the other ingest paths.</param>
    public OtlpReceiver(IUsageStore store, OtlpIngestOptions options, IUsageWriter writer)
    {
        _store = store;
        _writer = writer;
        _options = options;
        _converter = new OtlpUsageConverter(options);
    }

    public async Task<OtlpIngestResult> IngestAsync(
        OtlpSignal signal, Stream body, string? contentType, string? contentEncoding, CancellationToken cancellationToken) =>
        await IngestAsync(signal, body, contentType, contentEncoding, null, cancellationToken);

    /// <param name="tag">Applied to every record before it is written (the server tags records with a team-bound token's team).</param>
    public async Task<OtlpIngestResult> IngestAsync(
        OtlpSignal signal, Stream body, string? contentType, string? contentEncoding, Func<Receipts.Domain.Usage.UsageRecord, Receipts.Domain.Usage.UsageRecord>? tag, CancellationToken cancellationToken)
    {
        if (OtlpContentType.Parse(contentType) is not { } encoding)
        {
            var diagnostic = new OtlpDiagnostic("Content-Type", $"'{contentType}' is not supported; send {OtlpContentType.Protobuf} or {OtlpContentType.Json}");
            return Failure(OtlpEncoding.Json, 415, diagnostic);
        }

        var (bytes, status, error) = await OtlpBody.ReadAsync(body, contentEncoding, _options, cancellationToken);
        if (bytes is null)
        {
            return Failure(encoding, status, error!);
        }

        // The body goes back to the pool as soon as it is decoded, not after the commit.
        return await IngestCoreAsync(signal, bytes.Memory, bytes, encoding, tag, cancellationToken);
    }

    public Task<OtlpIngestResult> IngestAsync(OtlpSignal signal, ReadOnlyMemory<byte> body, OtlpEncoding encoding, CancellationToken cancellationToken) =>
        IngestAsync(signal, body, encoding, null, cancellationToken);

    public Task<OtlpIngestResult> IngestAsync(
        OtlpSignal signal, ReadOnlyMemory<byte> body, OtlpEncoding encoding, Func<Receipts.Domain.Usage.UsageRecord, Receipts.Domain.Usage.UsageRecord>? tag, CancellationToken cancellationToken) =>
        IngestCoreAsync(signal, body, null, encoding, tag, cancellationToken);

    /// <param name="owner">Disposed once <paramref name="body"/> is decoded (or on failure): the pooled buffer that holds it.</param>
    private async Task<OtlpIngestResult> IngestCoreAsync(
        OtlpSignal signal, ReadOnlyMemory<byte> body, PooledBody? owner, OtlpEncoding encoding, Func<Receipts.Domain.Usage.UsageRecord, Receipts.Domain.Usage.UsageRecord>? tag, CancellationToken cancellationToken)
    {
        using var release = owner;

        // Cumulative state is read-modify-write: one metrics batch at a time keeps it consistent.
        var gate = signal == OtlpSignal.Metrics ? _metricsGate : null;
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        try
        {
            if (signal == OtlpSignal.Metrics)
            {
                await _temporality.EnsureLoadedAsync(_store, cancellationToken);
            }

            // Decoded and converted in one synchronous step: the decoded batch (every attribute of every item) is
            // garbage before the commit is awaited, so batches waiting for a group commit hold only their records.
            var (conversion, dropped, error) = DecodeAndConvert(signal, body, encoding);
            owner?.Dispose();
            if (conversion is null)
            {
                return Failure(encoding, 400, error!);
            }

            UsageWrite? write = null;
            IReadOnlyList<Receipts.Domain.Usage.UsageRecord> committed = [];
            if (conversion.Records.Count > 0 || conversion.Cursors.Count > 0)
            {
                var records = tag is null ? conversion.Records : conversion.Records.Select(tag).ToList();
                write = await _writer.WriteAsync(records, conversion.Cursors, cancellationToken);
                committed = records;
                _temporality.Commit(conversion.Cursors);
            }

            var message = conversion.Rejected > 0 ? OtlpResponses.Summarise(conversion.Diagnostics) : null;
            return new OtlpIngestResult(
                200,
                OtlpContentType.Of(encoding),
                OtlpResponses.Success(encoding, signal, conversion.Rejected, message),
                conversion.Records.Count,
                conversion.Rejected,
                conversion.Ignored,
                dropped,
                write?.Counts,
                conversion.Diagnostics,
                committed,
                write?.AllNew ?? false)
            {
                Applied = write?.Applied,
            };
        }
        catch (StoreUnavailableException e)
        {
            return Failure(encoding, 503, new OtlpDiagnostic("store", e.Message));
        }
        finally
        {
            gate?.Release();
        }
    }

    public void Dispose() => _metricsGate.Dispose();

    private (OtlpConversion? Conversion, int Dropped, OtlpDiagnostic? Error) DecodeAndConvert(OtlpSignal signal, ReadOnlyMemory<byte> body, OtlpEncoding encoding)
    {
        var decoded = encoding == OtlpEncoding.Json ? OtlpJsonDecoder.Decode(signal, body) : OtlpProtobufDecoder.Decode(signal, body);
        return decoded.Batch is { } batch
            ? (_converter.Convert(batch, _temporality.Begin()), batch.DroppedContentAttributes, null)
            : (null, 0, decoded.Error);
    }

    private static OtlpIngestResult Failure(OtlpEncoding encoding, int status, OtlpDiagnostic diagnostic)
    {
        var code = status switch
        {
            413 => 8,
            503 => 14,
            _ => 3,
        };
        return new OtlpIngestResult(status, OtlpContentType.Of(encoding), OtlpResponses.Status(encoding, code, diagnostic.ToString()), 0, 0, 0, 0, null, [diagnostic]);
    }
}
