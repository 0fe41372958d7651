using System.Text;

namespace Receipts.Domain.Reports.Rendering;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as one self-contained HTML page for email: no scripts, no external
/// files, every style inline (mail clients drop <c>&lt;style&gt;</c> blocks), tables for layout, 640 px wide.
/// </summary>
public static class HtmlWriter
{
    private const string Font = "font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;";
    private const string Cell = "padding:4px 8px;border-bottom:1px solid #e5e7eb;font-size:13px;";

    public static string Write(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var b = new StringBuilder();
        b.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>")
            .Append(Show.Html(document.Title)).Append("</title></head>\n");
        b.Append("<body style=\"margin:0;padding:0;background:#f3f4f6;").Append(Font).Append("color:#111827;\">\n");
        b.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#f3f4f6;\"><tr><td align=\"center\" style=\"padding:16px;\">\n");
        b.Append("<table role=\"presentation\" width=\"640\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:640px;width:100%;background:#ffffff;border-radius:6px;\"><tr><td style=\"padding:20px 24px;\">\n");
        b.Append("<h1 style=\"margin:0 0 4px 0;font-size:20px;\">").Append(Show.Html(document.Title)).Append("</h1>\n");
        b.Append("<p style=\"margin:0 0 16px 0;color:#6b7280;font-size:13px;\">").Append(Show.Html(document.Subtitle)).Append("</p>\n");
        if (document.Figures.Count > 0)
        {
            b.Append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" style=\"width:100%;margin:0 0 8px 0;\"><tr>\n");
            foreach (var figure in document.Figures)
            {
                b.Append("<td style=\"padding:8px;background:#f9fafb;border:1px solid #e5e7eb;vertical-align:top;\">")
                    .Append("<div style=\"font-size:11px;color:#6b7280;text-transform:uppercase;\">").Append(Show.Html(figure.Label)).Append("</div>")
                    .Append("<div style=\"font-size:18px;font-weight:bold;\">").Append(Show.Html(figure.Value)).Append("</div>");
                if (figure.Note is not null)
                {
                    b.Append("<div style=\"font-size:11px;color:#6b7280;\">").Append(Show.Html(figure.Note)).Append("</div>");
                }

                b.Append("</td>\n");
            }

            b.Append("</tr></table>\n");
        }

        foreach (var section in document.Sections)
        {
            b.Append("<h2 style=\"margin:20px 0 8px 0;font-size:16px;border-bottom:2px solid #111827;padding-bottom:2px;\">").Append(Show.Html(section.Heading)).Append("</h2>\n");
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case ReportBlock.Paragraph p:
                        b.Append("<p style=\"margin:6px 0;font-size:13px;\">").Append(Show.Html(p.Text)).Append("</p>\n");
                        break;
                    case ReportBlock.Warning w:
                        b.Append("<p style=\"margin:6px 0;padding:6px 8px;font-size:13px;background:#fef3c7;border-left:4px solid #d97706;\"><b>Warning:</b> ").Append(Show.Html(w.Text)).Append("</p>\n");
                        break;
                    case ReportBlock.Bullets l:
                        b.Append("<ul style=\"margin:6px 0;padding-left:20px;font-size:13px;\">\n");
                        foreach (var item in l.Items)
                        {
                            b.Append("<li style=\"margin:2px 0;\">").Append(Show.Html(item)).Append("</li>\n");
                        }

                        b.Append("</ul>\n");
                        break;
                    case ReportBlock.Table t:
                        b.Append("<table cellpadding=\"0\" cellspacing=\"0\" style=\"border-collapse:collapse;width:100%;margin:6px 0;\">\n<tr>");
                        for (var i = 0; i < t.Headers.Count; i++)
                        {
                            b.Append("<th style=\"").Append(Cell).Append("text-align:").Append(t.Right[i] ? "right" : "left").Append(";background:#f9fafb;font-weight:600;\">")
                                .Append(Show.Html(t.Headers[i])).Append("</th>");
                        }

                        b.Append("</tr>\n");
                        foreach (var row in t.Rows)
                        {
                            b.Append("<tr>");
                            for (var i = 0; i < row.Count; i++)
                            {
                                b.Append("<td style=\"").Append(Cell).Append("text-align:").Append(i < t.Right.Count && t.Right[i] ? "right" : "left").Append(";\">")
                                    .Append(Show.Html(row[i])).Append("</td>");
                            }

                            b.Append("</tr>\n");
                        }

                        b.Append("</table>\n");
                        break;
                }
            }
        }

        b.Append("<p style=\"margin:20px 0 0 0;font-size:11px;color:#9ca3af;\">Sent by Receipts. Counts, ids and dollars only: no prompt or source content.</p>\n");
        b.Append("</td></tr></table>\n</td></tr></table>\n</body></html>\n");
        return b.ToString();
    }
}
