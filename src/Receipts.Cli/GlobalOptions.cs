using System.CommandLine;

namespace Receipts.Cli;

/// <summary>Options every command takes.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Db = new("--db")
    {
        Description = "The store file (default: $RECEIPTS_DB, else $XDG_DATA_HOME/receipts/receipts.duckdb)",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "List every skipped line and show stack traces on errors",
        Recursive = true,
    };
}
