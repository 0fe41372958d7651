namespace Receipts.Bench.CorpusGen;

/// <summary>
/// The aggregate a Task tool result reports for its subagent (<c>toolUseResult.usage</c>).
/// It repeats usage that is already in the subagent's own file, so it must never be counted.
/// </summary>
internal sealed record AgentSummary(string AgentId, Usage Usage, int ToolUses, long DurationMs);
