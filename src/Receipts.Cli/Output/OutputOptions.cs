using System.CommandLine;

namespace Receipts.Cli.Output;

/// <summary>The <c>--json</c> and <c>--csv</c> flags every report takes; add them with <see cref="AddTo"/>.</summary>
internal sealed class OutputOptions
{
    private readonly Option<bool> _json = new("--json") { Description = "Print JSON (for scripts) instead of a table" };
    private readonly Option<bool> _csv = new("--csv") { Description = "Print CSV (for spreadsheets) instead of a table" };

    public static OutputOptions AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var options = new OutputOptions();
        command.Options.Add(options._json);
        command.Options.Add(options._csv);
        return options;
    }

    public OutputFormat Resolve(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var json = parseResult.GetValue(_json);
        var csv = parseResult.GetValue(_csv);
        if (json && csv)
        {
            throw new UserException("--json and --csv cannot be used together.", "Choose one output format.");
        }

        return json ? OutputFormat.Json : csv ? OutputFormat.Csv : OutputFormat.Table;
    }
}
