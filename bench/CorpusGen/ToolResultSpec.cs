namespace Receipts.Bench.CorpusGen;

/// <summary>The user line that answers one tool use: this is where most of a transcript's bytes are.</summary>
internal sealed record ToolResultSpec(
    string ToolUseId,
    string ToolName,
    TextSlice Output,
    long TimestampMs,
    bool IsError,
    string? FilePath,
    AgentSummary? Agent);
