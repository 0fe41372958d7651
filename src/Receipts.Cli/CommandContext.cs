using System.CommandLine;
using Receipts.Storage.DuckDb;

namespace Receipts.Cli;

/// <summary>What a command's action gets: the environment and the parsed global options.</summary>
internal sealed class CommandContext(CliEnvironment environment, ParseResult parseResult)
{
    public CliEnvironment Environment { get; } = environment;

    public ParseResult ParseResult { get; } = parseResult;

    public bool Verbose => ParseResult.GetValue(GlobalOptions.Verbose);

    public string StorePath => StoreLocation.Resolve(ParseResult.GetValue(GlobalOptions.Db), Environment);

    public T? Get<T>(Option<T> option) => ParseResult.GetValue(option);

    public T? Get<T>(Argument<T> argument) => ParseResult.GetValue(argument);

    /// <summary>Opens the embedded store, creating it on first use.</summary>
    public Task<DuckDbStore> OpenStoreAsync(CancellationToken cancellationToken) =>
        DuckDbStore.OpenAsync(StorePath, Environment.Time, cancellationToken);
}
