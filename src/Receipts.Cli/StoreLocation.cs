namespace Receipts.Cli;

/// <summary>
/// Where the embedded store lives: <c>--db</c>, else <c>RECEIPTS_DB</c>, else
/// <c>$XDG_DATA_HOME/receipts/receipts.duckdb</c>, else <c>~/.local/share/receipts/receipts.duckdb</c>.
/// </summary>
internal static class StoreLocation
{
    public const string EnvironmentVariable = "RECEIPTS_DB";

    public static string Resolve(string? option, CliEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Path.GetFullPath(option, environment.WorkingDirectory);
        }

        if (environment.GetVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return Path.GetFullPath(fromEnvironment, environment.WorkingDirectory);
        }

        var dataHome = environment.GetVariable("XDG_DATA_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(environment.HomeDirectory, ".local", "share");
        return Path.Combine(dataHome, "receipts", "receipts.duckdb");
    }
}
