namespace Receipts.Bench.CorpusGen;

/// <summary>A range of the <see cref="TextPool"/>: what a content block says, without copying it.</summary>
internal readonly record struct TextSlice(int Start, int Length);
