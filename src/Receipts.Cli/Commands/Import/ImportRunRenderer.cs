using System.Globalization;
using Receipts.Sources.Context;
using Spectre.Console;

namespace Receipts.Cli.Commands.Import;

/// <summary>Shared by the local agent-log imports: a progress bar over bytes on a terminal, then the summary.</summary>
internal static class ImportRunRenderer
{
    /// <summary>Runs <paramref name="import"/> with a progress bar on stderr when a person is watching, else silently.</summary>
    public static async Task<ImportSummary> RunAsync(
        CliEnvironment environment,
        string label,
        Func<IProgress<ImportProgress>?, Task<ImportSummary>> import)
    {
        if (!environment.Interactive)
        {
            return await import(null);
        }

        return await environment.ErrorConsole().Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(label, maxValue: 1);
                var progress = new ActionProgress<ImportProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.BytesTotal);
                    task.Value = Math.Min(p.BytesRead, task.MaxValue);
                });
                return await import(progress);
            });
    }

    /// <summary>Prints the summary to stdout and, with <paramref name="verbose"/>, every skipped line to stderr.</summary>
    public static void Render(CliEnvironment environment, ImportSummary summary, string what, bool verbose)
    {
        var output = environment.Out;
        if (summary.FilesFound == 0)
        {
            output.WriteLine($"No {what} found. Looked in: {string.Join(", ", summary.Roots)}");
            return;
        }

        if (summary.FilesRead == 0)
        {
            output.WriteLine($"Nothing new: {Count(summary.FilesFound, "file")} unchanged since the last import.");
            return;
        }

        var write = summary.Write;
        output.WriteLine(
            $"Imported {Count(summary.Records, "record")} from {Count(summary.FilesRead, "file")} "
            + $"({N(write.Inserted)} new, {N(write.Replaced)} replaced fuller copies); {Count(summary.LinesSkipped, "line")} skipped");

        var unchanged = summary.FilesFound - summary.FilesRead;
        if (unchanged > 0)
        {
            output.WriteLine($"{Count(unchanged, "file")} unchanged since the last import.");
        }

        if (summary.FilesReset > 0)
        {
            output.WriteLine($"{Count(summary.FilesReset, "file")} truncated or rewritten since the last import: read again from the start.");
        }

        if (summary.IncompleteLines > 0)
        {
            output.WriteLine($"{Count(summary.IncompleteLines, "last line")} incomplete (still being written), will be read next time.");
        }

        if (summary.LinesSkipped > 0)
        {
            var reasons = string.Join(", ", summary.SkippedByReason.OrderByDescending(r => r.Value).Select(r => $"{N(r.Value)} {r.Key}"));
            output.WriteLine($"Skipped: {reasons}." + (verbose ? string.Empty : " Run with --verbose to list each line."));
        }

        if (verbose)
        {
            foreach (var d in summary.Diagnostics)
            {
                environment.Error.WriteLine($"{d.File}:{d.Line.ToString(CultureInfo.InvariantCulture)}: skipped, {d.Reason}");
            }

            if (summary.Diagnostics.Count < summary.LinesSkipped)
            {
                environment.Error.WriteLine($"(first {N(summary.Diagnostics.Count)} of {N(summary.LinesSkipped)} skipped lines listed)");
            }
        }
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Count(long value, string noun) => $"{N(value)} {noun}{(value == 1 ? string.Empty : "s")}";
}
