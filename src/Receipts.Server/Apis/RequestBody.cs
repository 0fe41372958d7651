using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Receipts.Server.Apis;

/// <summary>
/// Reading a collector body safely: this route's size limit (413), its content types (415), malformed
/// payloads (400 with where), <c>Content-Encoding: gzip</c> (the limit then applies to the decompressed
/// size). Never throws for bad input. OTLP and hook handlers use the same helpers.
/// </summary>
public static class RequestBody
{
    /// <summary>True when the request's media type is one of <paramref name="mediaTypes"/> (parameters such as charset ignored).</summary>
    public static bool HasMediaType(HttpRequest request, params string[] mediaTypes)
    {
        ArgumentNullException.ThrowIfNull(request);
        return MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed)
            && mediaTypes.Any(m => parsed.MediaType.Equals(m, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Applies <paramref name="limit"/> to this request before anything reads the body. Returns a 413 problem
    /// at once when Content-Length already says it is too big; a chunked body that grows past the limit makes
    /// the read fail later, which <see cref="ReadJsonAsync"/> and <see cref="ReadBytesAsync"/> turn into 413.
    /// </summary>
    public static IResult? ApplyLimit(HttpRequest request, long limit)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > limit)
        {
            return Problems.PayloadTooLarge(limit);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return null;
    }

    /// <summary>The whole body as bytes (for protobuf), or the 413/400 problem.</summary>
    public static async Task<(byte[]? Body, IResult? Problem)> ReadBytesAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ApplyLimit(request, limit) is { } tooLarge)
        {
            return (null, tooLarge);
        }

        var (body, unsupported) = Decode(request, limit);
        if (unsupported is not null)
        {
            return (null, unsupported);
        }

        try
        {
            using var buffer = new MemoryStream();
            await body!.CopyToAsync(buffer, cancellationToken);
            return (buffer.ToArray(), null);
        }
        catch (Exception e) when (IsTooLarge(e))
        {
            return (null, Problems.PayloadTooLarge(limit));
        }
        catch (InvalidDataException)
        {
            return (null, Problems.Malformed("The body is not valid gzip."));
        }
        finally
        {
            if (!ReferenceEquals(body, request.Body))
            {
                await body!.DisposeAsync();
            }
        }
    }

    /// <summary>The body deserialized as <typeparamref name="T"/>, or the problem: 413 past the limit, 400 naming the JSON path, line and byte of the first error.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(HttpRequest request, long limit, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ApplyLimit(request, limit) is { } tooLarge)
        {
            return (default, tooLarge);
        }

        var (body, unsupported) = Decode(request, limit);
        if (unsupported is not null)
        {
            return (default, unsupported);
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(body!, typeInfo, cancellationToken);
            return value is null ? (default, Problems.Malformed("The body is JSON null; send an object.")) : (value, null);
        }
        catch (Exception e) when (IsTooLarge(e))
        {
            return (default, Problems.PayloadTooLarge(limit));
        }
        catch (InvalidDataException)
        {
            return (default, Problems.Malformed("The body is not valid gzip."));
        }
        catch (JsonException e)
        {
            return (default, JsonProblem(e));
        }
        finally
        {
            if (!ReferenceEquals(body, request.Body))
            {
                await body!.DisposeAsync();
            }
        }
    }

    /// <summary>The body to read: as sent, or gunzipped under the limit; 415 for an encoding other than gzip.</summary>
    private static (Stream? Body, IResult? Problem) Decode(HttpRequest request, long limit)
    {
        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        if (encoding.Length == 0 || encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return (request.Body, null);
        }

        if (encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
        {
            return (new LimitedReadStream(new System.IO.Compression.GZipStream(request.Body, System.IO.Compression.CompressionMode.Decompress, leaveOpen: true), limit), null);
        }

        return (null, Problems.Problem(
            StatusCodes.Status415UnsupportedMediaType,
            "Unsupported content encoding",
            $"Content-Encoding '{encoding}' is not accepted; send the body as is or gzip-compressed."));
    }

    // Kestrel's own limit (raw bytes) or ours (decoded bytes); JSON wraps a stream's exception in a JsonException.
    private static bool IsTooLarge(Exception e) =>
        e is BodyTooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
        || (e is JsonException && e.InnerException is { } inner && IsTooLarge(inner));

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult JsonProblem(JsonException e)
    {
        // System.Text.Json puts the location in the message too; keep only the reason and say where ourselves.
        var reason = e.Message;
        var cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            reason = reason[..cut];
        }

        reason = System.Text.RegularExpressions.Regex.Replace(
            reason,
            @"The JSON value could not be converted to (?:System\.Nullable`1\[)?System\.(\w+)\]?\.?",
            m => $"The value is not {Friendly(m.Groups[1].Value)}.");
        var path = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
        var line = (e.LineNumber ?? 0) + 1;
        var column = (e.BytePositionInLine ?? 0) + 1;
        var extensions = new Dictionary<string, object?> { ["path"] = path, ["line"] = line, ["bytePositionInLine"] = column };
        var match = System.Text.RegularExpressions.Regex.Match(path, @"^\$\.records\[(\d+)\]\.?(.*)$");
        if (match.Success)
        {
            extensions["index"] = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            extensions["field"] = match.Groups[2].Value.Length > 0 ? match.Groups[2].Value : null;
        }

        var where = match.Success
            ? $"records[{match.Groups[1].Value}]{(match.Groups[2].Value.Length > 0 ? "." + match.Groups[2].Value : string.Empty)}"
            : path;
        return Problems.Problem(
            StatusCodes.Status400BadRequest,
            "Malformed payload",
            $"{where} (line {line}, byte {column}): {reason} Nothing in the batch was stored.",
            extensions);
    }

    private static string Friendly(string type) => type switch
    {
        "Int64" or "Int32" => "a whole number",
        "Decimal" or "Double" => "a number",
        "Boolean" => "true or false",
        "String" => "a string",
        _ => "of the expected type",
    };
}
