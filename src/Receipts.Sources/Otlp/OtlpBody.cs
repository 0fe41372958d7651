using System.IO.Compression;

namespace Receipts.Sources.Otlp;

/// <summary>Reads a request body within its size limits, undoing <c>Content-Encoding: gzip</c>.</summary>
internal static class OtlpBody
{
    public static async Task<(PooledBody? Body, int Status, OtlpDiagnostic? Error)> ReadAsync(
        Stream body, string? contentEncoding, OtlpIngestOptions options, CancellationToken cancellationToken)
    {
        var encoding = contentEncoding?.Trim().ToLowerInvariant();
        if (encoding is not (null or "" or "identity" or "gzip"))
        {
            return (null, 415, new OtlpDiagnostic("Content-Encoding", $"'{contentEncoding}' is not supported; send gzip or no encoding"));
        }

        var raw = await PooledBody.ReadAsync(body, options.MaxBodyBytes, cancellationToken);
        if (raw is null)
        {
            return (null, 413, new OtlpDiagnostic("body", $"larger than {options.MaxBodyBytes} bytes"));
        }

        if (encoding != "gzip")
        {
            return (raw, 200, null);
        }

        using (raw)
        {
            try
            {
                await using var gzip = new GZipStream(raw.AsStream(), CompressionMode.Decompress);
                var inflated = await PooledBody.ReadAsync(gzip, options.MaxDecompressedBytes, cancellationToken);
                return inflated is null
                    ? (null, 413, new OtlpDiagnostic("body", $"larger than {options.MaxDecompressedBytes} bytes after gzip decompression"))
                    : (inflated, 200, null);
            }
            catch (InvalidDataException e)
            {
                return (null, 400, new OtlpDiagnostic("body", "Content-Encoding is gzip but the body is not valid gzip: " + e.Message));
            }
        }
    }
}
