using Receipts.Domain.Usage;

namespace Receipts.Sources.Hooks;

/// <summary>The usage records in a transcript's new complete lines, and the offset after the last of them.</summary>
internal sealed record TranscriptChunk(string Path, IReadOnlyList<UsageRecord> Records, long EndOffset, bool Advanced);
