namespace Receipts.Domain.Reports.Rendering;

/// <summary>
/// A report laid out once (title, key figures, sections of paragraphs, tables and lists) and written as
/// Markdown or HTML by <see cref="MarkdownWriter"/> and <see cref="HtmlWriter"/>, so both say the same thing.
/// </summary>
public sealed record ReportDocument(string Title, string Subtitle, IReadOnlyList<KeyFigure> Figures, IReadOnlyList<ReportSection> Sections);
