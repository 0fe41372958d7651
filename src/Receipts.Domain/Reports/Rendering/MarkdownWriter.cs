using System.Text;

namespace Receipts.Domain.Reports.Rendering;

/// <summary>Writes a <see cref="ReportDocument"/> as GitHub-flavoured Markdown.</summary>
public static class MarkdownWriter
{
    public static string Write(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var b = new StringBuilder();
        b.Append("# ").Append(document.Title).Append('\n').Append('\n');
        b.Append('_').Append(document.Subtitle).Append('_').Append('\n').Append('\n');
        foreach (var figure in document.Figures)
        {
            b.Append("- **").Append(figure.Label).Append(":** ").Append(figure.Value);
            if (figure.Note is not null)
            {
                b.Append(" (").Append(figure.Note).Append(')');
            }

            b.Append('\n');
        }

        foreach (var section in document.Sections)
        {
            b.Append('\n').Append("## ").Append(section.Heading).Append('\n');
            foreach (var block in section.Blocks)
            {
                b.Append('\n');
                switch (block)
                {
                    case ReportBlock.Paragraph p:
                        b.Append(p.Text).Append('\n');
                        break;
                    case ReportBlock.Warning w:
                        b.Append("> **Warning:** ").Append(w.Text).Append('\n');
                        break;
                    case ReportBlock.Bullets l:
                        foreach (var item in l.Items)
                        {
                            b.Append("- ").Append(item).Append('\n');
                        }

                        break;
                    case ReportBlock.Table t:
                        b.Append("| ").AppendJoin(" | ", t.Headers.Select(Show.Cell)).Append(" |\n");
                        b.Append('|').AppendJoin('|', t.Right.Select(r => r ? " ---: " : " --- ")).Append("|\n");
                        foreach (var row in t.Rows)
                        {
                            b.Append("| ").AppendJoin(" | ", row.Select(Show.Cell)).Append(" |\n");
                        }

                        break;
                }
            }
        }

        return b.ToString();
    }
}
