namespace Receipts.Bench.CorpusGen;

/// <summary>The models sessions run on, with how often; dated and undated ids both occur in real transcripts.</summary>
internal static class ModelCatalog
{
    private static readonly (string Model, int Weight)[] MainModels =
    [
        ("claude-sonnet-4-5-20250929", 26),
        ("claude-sonnet-4-5", 8),
        ("claude-opus-4-5-20251101", 16),
        ("claude-opus-4-6", 26),
        ("claude-haiku-4-5-20251001", 14),
        ("claude-haiku-4-5", 10),
    ];

    private static readonly (string Model, int Weight)[] AgentModels =
    [
        ("claude-haiku-4-5-20251001", 45),
        ("claude-sonnet-4-5-20250929", 35),
        ("claude-opus-4-6", 20),
    ];

    public static string MainModel(Random random) => Pick(random, MainModels);

    public static string AgentModel(Random random) => Pick(random, AgentModels);

    /// <summary>Models with a 1M context window, whose requests can pass 200k input tokens.</summary>
    public static bool HasLongContext(string model) =>
        model.StartsWith("claude-sonnet-4-5", StringComparison.Ordinal) || model == "claude-opus-4-6";

    private static string Pick(Random random, (string Model, int Weight)[] table)
    {
        var total = 0;
        foreach (var (_, weight) in table)
        {
            total += weight;
        }

        var roll = random.Next(total);
        foreach (var (model, weight) in table)
        {
            if (roll < weight)
            {
                return model;
            }

            roll -= weight;
        }

        return table[^1].Model;
    }
}
