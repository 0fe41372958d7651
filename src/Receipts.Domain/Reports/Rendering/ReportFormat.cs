namespace Receipts.Domain.Reports.Rendering;

/// <summary>How the weekly and board reports are written: Markdown, self-contained HTML (email), or JSON.</summary>
public enum ReportFormat
{
    Markdown,
    Html,
    Json,
}
