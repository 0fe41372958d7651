using System.CommandLine;
using Receipts.Domain.Storage;
using Receipts.Server.Storage;

namespace Receipts.Cli.Commands.Serve;

/// <summary>
/// <c>--store duckdb:PATH | postgres:CONNSTRING</c> for the server and token commands: the option, else
/// <c>RECEIPTS_STORE</c>, else the embedded file the other commands use (<c>--db</c> / <c>RECEIPTS_DB</c>).
/// </summary>
internal static class StoreOption
{
    public const string EnvironmentVariable = "RECEIPTS_STORE";

    public static Option<string?> Create() => new("--store")
    {
        Description = $"The store: {StoreSpec.Usage} (default: ${EnvironmentVariable}, else the --db file)",
    };

    public static StoreSpec Resolve(CommandContext context, Option<string?> option)
    {
        var text = context.Get(option);
        if (string.IsNullOrWhiteSpace(text))
        {
            text = context.Environment.GetVariable(EnvironmentVariable);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new StoreSpec(StoreKind.DuckDb, context.StorePath);
        }

        var spec = StoreSpec.TryParse(text, out var error)
            ?? throw new UserException(error!, "Example: --store duckdb:/var/lib/receipts/receipts.duckdb or --store \"postgres:Host=db;Username=receipts;Password=…;Database=receipts\"");
        return spec.Kind == StoreKind.DuckDb
            ? spec with { Target = Path.GetFullPath(spec.Target, context.Environment.WorkingDirectory) }
            : spec;
    }

    /// <summary>Opens the store, turning "cannot open" into an error that says what to do.</summary>
    public static async Task<ServerStore> OpenAsync(CommandContext context, StoreSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            return await ServerStore.OpenAsync(spec, context.Environment.Time, cancellationToken);
        }
        catch (StoreUnavailableException e)
        {
            var hint = spec.Kind == StoreKind.DuckDb
                ? "DuckDB allows one process per file: if `receipts serve` runs on it, stop the server first (or use a PostgreSQL store, which any number of processes share)."
                : "Check that PostgreSQL is running and the connection string's host, port, user, password and database are right.";
            throw new UserException(e.Message, hint, e);
        }
        catch (InvalidDataException e)
        {
            throw new UserException(e.Message, "The collector journal beside the store is damaged; see docs/collector.md (the journal).", e);
        }
    }
}
