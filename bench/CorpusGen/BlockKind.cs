namespace Receipts.Bench.CorpusGen;

/// <summary>The kinds of content block an assistant response is made of; each becomes its own line.</summary>
internal enum BlockKind
{
    Thinking,
    Text,
    ToolUse,
}
