using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Receipts.Server.Ingest;

namespace Receipts.Server.Apis;

/// <summary>Every error the server answers, as RFC 9457 ProblemDetails with a title and a detail that says how to fix it.</summary>
public static class Problems
{
    public static ProblemHttpResult Unauthorized(string title, string detail) => Problem(StatusCodes.Status401Unauthorized, title, detail);

    public static ProblemHttpResult Forbidden(string title, string detail) => Problem(StatusCodes.Status403Forbidden, title, detail);

    public static ProblemHttpResult UnsupportedMediaType(string? contentType, string expected) => Problem(
        StatusCodes.Status415UnsupportedMediaType,
        "Unsupported content type",
        $"Content-Type '{contentType ?? "(none)"}' is not accepted here; send {expected}.");

    public static ProblemHttpResult PayloadTooLarge(long limit) => Problem(
        StatusCodes.Status413PayloadTooLarge,
        "Payload too large",
        $"The body is larger than this route's limit of {limit} bytes; send smaller batches (or raise the limit on the server).");

    public static ProblemHttpResult Malformed(string detail) => Problem(StatusCodes.Status400BadRequest, "Malformed payload", detail);

    /// <summary>400 listing each bad record by index and field.</summary>
    public static ProblemHttpResult InvalidRecords(IReadOnlyList<RecordError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var first = errors[0];
        var more = errors.Count > 1 ? $" (and {errors.Count - 1} more)" : string.Empty;
        return Problem(
            StatusCodes.Status400BadRequest,
            "Invalid records",
            $"records[{first.Index}].{first.Field}: {first.Message}{more}. Nothing in the batch was stored.",
            new Dictionary<string, object?> { ["errors"] = errors.Take(100).Select(e => new Dictionary<string, object?> { ["index"] = e.Index, ["field"] = e.Field, ["message"] = e.Message }).ToList() });
    }

    public static ProblemHttpResult StoreUnavailable(string detail) => Problem(
        StatusCodes.Status503ServiceUnavailable,
        "Store unavailable",
        $"{detail} Nothing in the batch was stored; retry later.");

    public static ProblemHttpResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
}
