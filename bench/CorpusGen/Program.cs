using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace Receipts.Bench.CorpusGen;

internal static class Program
{
    public static int Main(string[] args)
    {
        var size = new Option<string>("--size") { Description = "Approximate size of the transcripts, e.g. 200MB, 1GB", DefaultValueFactory = _ => "1GB" };
        var seed = new Option<int>("--seed") { Description = "Seed for every random choice; one seed, one corpus", DefaultValueFactory = _ => 42 };
        var output = new Option<string>("--out") { Description = "Claude Code config dir to write (transcripts under <out>/projects)", Required = true };
        var firstDay = new Option<string>("--first-day") { Description = "First UTC day of the corpus (yyyy-MM-dd)", DefaultValueFactory = _ => "2025-11-01" };
        var days = new Option<int>("--days") { Description = "How many days the corpus spans", DefaultValueFactory = _ => 120 };
        var manifest = new Option<string?>("--manifest") { Description = "Also write the manifest to this file (it always goes to stdout)" };

        var root = new RootCommand(
            "Writes a synthetic Claude Code config dir (projects/**/*.jsonl) in the real line shapes, and prints a JSON manifest "
            + "with the expected deduplicated token totals.\n\nExamples:\n  corpusgen --size 200MB --seed 7 --out bench/out/corpus-200MB\n"
            + "  corpusgen --size 1GB --out /tmp/corpus --manifest /tmp/corpus.manifest.json")
        {
            size, seed, output, firstDay, days, manifest,
        };
        root.SetAction((ParseResult result, CancellationToken cancellationToken) =>
        {
            if (!ByteSize.TryParse(result.GetValue(size)!, out var bytes))
            {
                Console.Error.WriteLine($"--size '{result.GetValue(size)}' is not a size; write e.g. 200MB or 1GB.");
                return Task.FromResult(1);
            }

            if (!DateOnly.TryParseExact(result.GetValue(firstDay), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            {
                Console.Error.WriteLine($"--first-day '{result.GetValue(firstDay)}' is not a date; write yyyy-MM-dd.");
                return Task.FromResult(1);
            }

            var outDirectory = result.GetValue(output)!;
            if (Directory.Exists(Path.Combine(outDirectory, "projects")) && Directory.EnumerateFileSystemEntries(Path.Combine(outDirectory, "projects")).Any())
            {
                Console.Error.WriteLine($"{outDirectory}/projects is not empty; remove it or choose another --out.");
                return Task.FromResult(1);
            }

            var options = new GeneratorOptions(outDirectory, bytes, result.GetValue(seed), first, Math.Max(1, result.GetValue(days)));
            var stopwatch = Stopwatch.StartNew();
            var stats = CorpusGenerator.Generate(options, cancellationToken);
            stopwatch.Stop();

            using (var stdout = Console.OpenStandardOutput())
            {
                ManifestWriter.Write(stdout, options, stats, stopwatch.Elapsed);
            }

            if (result.GetValue(manifest) is { } manifestPath)
            {
                using var file = File.Create(manifestPath);
                ManifestWriter.Write(file, options, stats, stopwatch.Elapsed);
            }

            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"wrote {stats.Bytes / (1 << 20)} MiB in {stats.Files} files ({stats.Lines} lines) in {stopwatch.Elapsed.TotalSeconds:F1}s"));
            return Task.FromResult(0);
        });

        return root.Parse(args).Invoke();
    }
}
