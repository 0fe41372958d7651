namespace Receipts.Bench.CorpusGen;

/// <summary>A subagent a Task tool use started; its conversation goes to its own file.</summary>
internal sealed record PendingAgent(string AgentId, string ToolUseId, string Model, IReadOnlyList<TurnSpec> Turns);
