namespace Receipts.Bench.CorpusGen;

/// <summary>One turn of the agent loop: a response, then the results of the tools it called.</summary>
internal sealed record StepSpec(ResponseSpec Response, IReadOnlyList<ToolResultSpec> ToolResults);
