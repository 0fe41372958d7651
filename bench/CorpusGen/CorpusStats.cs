namespace Receipts.Bench.CorpusGen;

/// <summary>
/// The generator's own record of what it wrote: file, line and byte counts, and token totals under
/// three counting rules. <see cref="Expected"/> is the truth a correct importer must reproduce:
/// every API response once, with its final usage, a sidechain replay never counted over its parent.
/// </summary>
internal sealed class CorpusStats
{
    public long SessionFiles { get; set; }

    public long SubagentFiles { get; set; }

    public long LegacyAgentFiles { get; set; }

    public long MetaFiles { get; set; }

    public long Bytes { get; set; }

    public long Lines { get; set; }

    public long AssistantLines { get; set; }

    public long UserLines { get; set; }

    public long OtherLines { get; set; }

    public long MalformedLines { get; set; }

    public long TruncatedLines { get; set; }

    public long SyntheticLines { get; set; }

    public long Projects { get; set; }

    public long ResumedSessions { get; set; }

    public long CopiedResponses { get; set; }

    public long SidechainReplays { get; set; }

    public long PartialResponses { get; set; }

    public long Subagents { get; set; }

    public long PromptsAbove200k { get; set; }

    public long TypesAbove200k { get; set; }

    /// <summary>Each response once, final usage, parent over sidechain replay (ccusage v20's rule).</summary>
    public TokenTotals Expected { get; } = new();

    /// <summary>Dedupe on (message.id, requestId) alone, keeping the larger total: sidechain replays count again.</summary>
    public TokenTotals KeyOnly { get; } = new();

    /// <summary>Every assistant line summed, no dedupe at all.</summary>
    public TokenTotals Naive { get; } = new();

    public SortedDictionary<string, TokenTotals> ExpectedByModel { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, TokenTotals> ExpectedByDay { get; } = new(StringComparer.Ordinal);

    /// <summary>Responses whose prompt (input + cache writes + cache reads) passed 200k tokens, by model.</summary>
    public SortedDictionary<string, long> PromptsAbove200kByModel { get; } = new(StringComparer.Ordinal);

    public long Files => SessionFiles + SubagentFiles + LegacyAgentFiles;

    /// <summary>Records a response the first time it is written on the main chain.</summary>
    public void AddExpected(ResponseSpec response)
    {
        Expected.Add(response.Usage);
        KeyOnly.Add(response.Usage);
        Entry(ExpectedByModel, response.Model).Add(response.Usage);
        var day = DateTimeOffset.FromUnixTimeMilliseconds(response.TimestampMs).UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Entry(ExpectedByDay, day).Add(response.Usage);
        if (response.Usage.HasPromptAbove200k)
        {
            PromptsAbove200k++;
            PromptsAbove200kByModel[response.Model] = PromptsAbove200kByModel.GetValueOrDefault(response.Model) + 1;
        }

        if (response.Usage.HasTypeAbove200k)
        {
            TypesAbove200k++;
        }
    }

    public void Merge(CorpusStats other)
    {
        SessionFiles += other.SessionFiles;
        SubagentFiles += other.SubagentFiles;
        LegacyAgentFiles += other.LegacyAgentFiles;
        MetaFiles += other.MetaFiles;
        Bytes += other.Bytes;
        Lines += other.Lines;
        AssistantLines += other.AssistantLines;
        UserLines += other.UserLines;
        OtherLines += other.OtherLines;
        MalformedLines += other.MalformedLines;
        TruncatedLines += other.TruncatedLines;
        SyntheticLines += other.SyntheticLines;
        Projects += other.Projects;
        ResumedSessions += other.ResumedSessions;
        CopiedResponses += other.CopiedResponses;
        SidechainReplays += other.SidechainReplays;
        PartialResponses += other.PartialResponses;
        Subagents += other.Subagents;
        PromptsAbove200k += other.PromptsAbove200k;
        TypesAbove200k += other.TypesAbove200k;
        Expected.Add(other.Expected);
        KeyOnly.Add(other.KeyOnly);
        Naive.Add(other.Naive);
        foreach (var (model, totals) in other.ExpectedByModel)
        {
            Entry(ExpectedByModel, model).Add(totals);
        }

        foreach (var (model, count) in other.PromptsAbove200kByModel)
        {
            PromptsAbove200kByModel[model] = PromptsAbove200kByModel.GetValueOrDefault(model) + count;
        }

        foreach (var (day, totals) in other.ExpectedByDay)
        {
            Entry(ExpectedByDay, day).Add(totals);
        }
    }

    private static TokenTotals Entry(SortedDictionary<string, TokenTotals> map, string key)
    {
        if (!map.TryGetValue(key, out var totals))
        {
            totals = new TokenTotals();
            map[key] = totals;
        }

        return totals;
    }
}
