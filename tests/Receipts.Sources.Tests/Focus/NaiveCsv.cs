using System.Globalization;
using System.Text;

namespace Receipts.Sources.Tests.Focus;

/// <summary>
/// A deliberately simple, independent CSV reader for test oracles: reads the whole text char by char.
/// It shares no code with the importer, so totals computed here check the importer, not themselves.
/// </summary>
internal static class NaiveCsv
{
    public static List<Dictionary<string, string>> Read(string path)
    {
        var text = File.ReadAllText(path);
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        var header = records[0];
        return records.Skip(1).Select(r => header.Select((h, i) => (h, v: i < r.Count ? r[i] : string.Empty)).ToDictionary(x => x.h, x => x.v)).ToList();
    }

    public static decimal Sum(IEnumerable<Dictionary<string, string>> rows, string column) =>
        rows.Sum(r => r[column] is "" or "NULL" ? 0m : decimal.Parse(r[column], NumberStyles.Float, CultureInfo.InvariantCulture));
}
