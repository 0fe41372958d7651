namespace Receipts.Domain.Reports.Rendering;

/// <summary>A heading and its blocks: paragraphs, tables, bullet lists and warnings, in order.</summary>
public sealed record ReportSection(string Heading, IReadOnlyList<ReportBlock> Blocks);
