namespace Receipts.Bench.CorpusGen;

/// <summary>Splits the target size over projects and writes them in parallel; the result does not depend on scheduling.</summary>
internal static class CorpusGenerator
{
    private const long BytesPerProject = 24L << 20;

    public static CorpusStats Generate(GeneratorOptions options, CancellationToken cancellationToken)
    {
        var projects = (int)Math.Clamp(options.TargetBytes / BytesPerProject, 3, 48);
        var budget = options.TargetBytes / projects;
        var pool = TextPool.Create(options.Seed, approximateChars: 8 << 20);
        var results = new CorpusStats[projects];
        Parallel.For(
            0,
            projects,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            i => results[i] = new ProjectGenerator(i, options, budget, pool).Generate());

        var total = new CorpusStats();
        foreach (var result in results)
        {
            total.Merge(result);
        }

        return total;
    }
}
