namespace Receipts.Sources.Reports;

/// <summary>One rendered report ready to send: a title, a chat summary, Markdown, HTML (the email body) and JSON.</summary>
/// <param name="Report">Which report: <c>weekly</c>.</param>
/// <param name="Key">Its identity in delivery records: <c>weekly:2026-W47</c>.</param>
public sealed record ReportMessage(string Report, string Key, string Title, string Summary, string Markdown, string Html, string Json);
