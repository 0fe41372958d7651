using System.Text.Json;

namespace Receipts.Bench.CorpusGen;

/// <summary>Writes the generator's truth as JSON: what a correct importer must find in the corpus.</summary>
internal static class ManifestWriter
{
    public static void Write(Stream stream, GeneratorOptions options, CorpusStats stats, TimeSpan elapsed)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("generator", "bench/CorpusGen");
        json.WriteNumber("seed", options.Seed);
        json.WriteNumber("targetBytes", options.TargetBytes);
        json.WriteString("firstDay", options.FirstDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteNumber("days", options.Days);
        json.WriteString("configDir", Path.GetFullPath(options.OutDirectory));
        json.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 2));

        json.WriteStartObject("files");
        json.WriteNumber("jsonl", stats.Files);
        json.WriteNumber("sessions", stats.SessionFiles);
        json.WriteNumber("subagents", stats.SubagentFiles);
        json.WriteNumber("legacyAgents", stats.LegacyAgentFiles);
        json.WriteNumber("meta", stats.MetaFiles);
        json.WriteNumber("projects", stats.Projects);
        json.WriteEndObject();

        json.WriteNumber("bytes", stats.Bytes);
        json.WriteStartObject("lines");
        json.WriteNumber("total", stats.Lines);
        json.WriteNumber("assistant", stats.AssistantLines);
        json.WriteNumber("user", stats.UserLines);
        json.WriteNumber("other", stats.OtherLines);
        json.WriteNumber("synthetic", stats.SyntheticLines);
        json.WriteNumber("malformed", stats.MalformedLines);
        json.WriteNumber("truncated", stats.TruncatedLines);
        json.WriteEndObject();

        json.WriteStartObject("shapes");
        json.WriteNumber("subagents", stats.Subagents);
        json.WriteNumber("resumedSessions", stats.ResumedSessions);
        json.WriteNumber("copiedResponses", stats.CopiedResponses);
        json.WriteNumber("sidechainReplays", stats.SidechainReplays);
        json.WriteNumber("partialResponses", stats.PartialResponses);
        json.WriteNumber("promptsAbove200k", stats.PromptsAbove200k);
        json.WriteNumber("oneTypeAbove200k", stats.TypesAbove200k);
        json.WriteStartObject("promptsAbove200kByModel");
        foreach (var (model, count) in stats.PromptsAbove200kByModel)
        {
            json.WriteNumber(model, count);
        }

        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteString("expectedRule", "each API response once with its final (largest) usage; a sidechain replay (same message.id, other requestId) never counts over its parent");
        Totals(json, "expected", stats.Expected);
        Totals(json, "keyOnly", stats.KeyOnly);
        Totals(json, "naive", stats.Naive);

        json.WriteStartObject("expectedByModel");
        foreach (var (model, totals) in stats.ExpectedByModel)
        {
            Totals(json, model, totals);
        }

        json.WriteEndObject();
        json.WriteStartObject("expectedByDay");
        foreach (var (day, totals) in stats.ExpectedByDay)
        {
            Totals(json, day, totals);
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void Totals(Utf8JsonWriter json, string name, TokenTotals totals)
    {
        json.WriteStartObject(name);
        json.WriteNumber("requests", totals.Requests);
        json.WriteNumber("inputTokens", totals.Input);
        json.WriteNumber("outputTokens", totals.Output);
        json.WriteNumber("cacheCreationTokens", totals.CacheCreation);
        json.WriteNumber("cacheCreation5mTokens", totals.CacheCreation5m);
        json.WriteNumber("cacheCreation1hTokens", totals.CacheCreation1h);
        json.WriteNumber("cacheReadTokens", totals.CacheRead);
        json.WriteNumber("totalTokens", totals.Total);
        json.WriteEndObject();
    }
}
