using System.CommandLine;
using Receipts.Domain.Reports.Rendering;

namespace Receipts.Cli.Commands.Report;

/// <summary><c>--format md|html|json</c> and <c>--out FILE</c> of the weekly and board reports.</summary>
internal sealed class ReportFormatOption
{
    private readonly Option<string> _format = new("--format")
    {
        Description = "md (Markdown, default), html (one self-contained page for email) or json (snake_case, see docs/reports.md)",
        DefaultValueFactory = _ => "md",
    };

    private readonly Option<string?> _out = new("--out") { Description = "Write to this file instead of stdout" };

    public static ReportFormatOption AddTo(Command command)
    {
        var option = new ReportFormatOption();
        option._format.AcceptOnlyFromAmong("md", "markdown", "html", "json");
        command.Options.Add(option._format);
        command.Options.Add(option._out);
        return option;
    }

    public ReportFormat Resolve(ParseResult parseResult) => parseResult.GetValue(_format) switch
    {
        "html" => ReportFormat.Html,
        "json" => ReportFormat.Json,
        _ => ReportFormat.Markdown,
    };

    public async Task WriteAsync(ParseResult parseResult, CliEnvironment environment, string text, CancellationToken cancellationToken)
    {
        if (parseResult.GetValue(_out) is not { Length: > 0 } path)
        {
            await environment.Out.WriteAsync(text);
            return;
        }

        var full = Path.GetFullPath(path, environment.WorkingDirectory);
        try
        {
            await File.WriteAllTextAsync(full, text, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserException($"Cannot write {full}: {e.Message}", "Choose a writable path for --out.", e);
        }

        await environment.Error.WriteLineAsync($"Wrote {full}");
    }
}
