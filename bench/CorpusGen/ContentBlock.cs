namespace Receipts.Bench.CorpusGen;

/// <summary>
/// One content block of a response. For a tool use, <see cref="Text"/> is the main input
/// (command, new file content, pattern) and <see cref="Extra"/> the second one (Edit's old string).
/// </summary>
internal sealed record ContentBlock(
    BlockKind Kind,
    TextSlice Text,
    string? ToolName = null,
    string? ToolUseId = null,
    string? FilePath = null,
    TextSlice Extra = default);
