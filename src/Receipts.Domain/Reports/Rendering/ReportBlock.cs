namespace Receipts.Domain.Reports.Rendering;

/// <summary>A paragraph, a table, a bullet list or a warning of a <see cref="ReportSection"/>.</summary>
public abstract record ReportBlock
{
    private ReportBlock()
    {
    }

    public sealed record Paragraph(string Text) : ReportBlock;

    public sealed record Warning(string Text) : ReportBlock;

    public sealed record Bullets(IReadOnlyList<string> Items) : ReportBlock;

    /// <param name="Right">Per column: right-aligned (numbers).</param>
    public sealed record Table(IReadOnlyList<string> Headers, IReadOnlyList<bool> Right, IReadOnlyList<IReadOnlyList<string>> Rows) : ReportBlock;
}
