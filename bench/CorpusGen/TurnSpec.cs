namespace Receipts.Bench.CorpusGen;

/// <summary>A prompt from the person and the agent steps that answer it.</summary>
internal sealed record TurnSpec(
    long TimestampMs,
    TextSlice Prompt,
    IReadOnlyList<StepSpec> Steps,
    bool WritesSnapshot,
    bool CompactsAfter);
