namespace Receipts.Server.Storage;

/// <summary>
/// Which store the server (or a token command) uses: <c>duckdb:PATH</c> (the embedded file) or
/// <c>postgres:CONNSTRING</c> (Npgsql keywords, e.g. <c>postgres:Host=db;Username=receipts;Password=…;Database=receipts</c>).
/// </summary>
public sealed record StoreSpec(StoreKind Kind, string Target)
{
    public const string Usage = "duckdb:PATH or postgres:Host=HOST;Username=USER;Password=PASSWORD;Database=DB";

    /// <summary>Parses <paramref name="text"/>; null with a reason when it is not a store spec.</summary>
    public static StoreSpec? TryParse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? string.Empty : text[..colon].Trim().ToLowerInvariant();
        var target = colon < 0 ? string.Empty : text[(colon + 1)..].Trim();
        if (target.Length == 0 || kind is not ("duckdb" or "postgres" or "postgresql"))
        {
            error = $"'{Redact(text)}' is not a store: use {Usage}.";
            return null;
        }

        return new StoreSpec(kind == "duckdb" ? StoreKind.DuckDb : StoreKind.Postgres, target);
    }

    /// <summary>The spec with any password removed, for messages and logs.</summary>
    public override string ToString() => Kind == StoreKind.DuckDb ? $"duckdb:{Target}" : $"postgres:{Redact(Target)}";

    private static string Redact(string text) => System.Text.RegularExpressions.Regex.Replace(
        text, "(?i)(password|pwd)\\s*=\\s*[^;]*", "$1=***");
}
