using System.Text.RegularExpressions;

namespace Receipts.Sources.Otlp;

/// <summary>
/// Keeps a log body only when it looks like an event name (<c>claude_code.api_request</c>):
/// anything longer or with spaces may be content and is dropped.
/// </summary>
internal static partial class OtlpBodyName
{
    public static string? Keep(string? body) =>
        body is { Length: > 0 and <= 128 } && IdentifierLike().IsMatch(body) ? body : null;

    [GeneratedRegex("^[A-Za-z0-9_.:/-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierLike();
}
