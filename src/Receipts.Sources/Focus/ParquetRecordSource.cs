using System.Collections;
using System.Globalization;
using System.Text.Json;
using Parquet.Serialization;

namespace Receipts.Sources.Focus;

/// <summary>
/// A FOCUS Parquet file as rows of text, so one mapper serves CSV and Parquet. The file is read whole
/// (Parquet is columnar; cloud exports split it into parts of modest size). Values become invariant text:
/// decimals exactly, date/times as UTC ISO 8601, map columns (Tags) as JSON.
/// </summary>
internal sealed class ParquetRecordSource : IFocusRecordSource
{
    private readonly IList<Dictionary<string, object>> _rows;
    private readonly string[] _header;
    private readonly string[] _current;
    private int _row = -1;

    private ParquetRecordSource(IList<Dictionary<string, object>> rows, string[] header)
    {
        _rows = rows;
        _header = header;
        _current = new string[header.Length];
    }

    public IReadOnlyList<string> Header => _header;

    public long Line => _row + 2;

    public int FieldCount => _header.Length;

    public static async Task<ParquetRecordSource> OpenAsync(Stream stream, CancellationToken cancellationToken)
    {
        var result = await ParquetSerializer.DeserializeUntypedAsync(stream, cancellationToken: cancellationToken);
        var header = result.Schema.Fields.Select(f => f.Name).ToArray();
        return new ParquetRecordSource(result.Data, header);
    }

    public bool Read()
    {
        if (++_row >= _rows.Count)
        {
            return false;
        }

        var row = _rows[_row];
        for (var i = 0; i < _header.Length; i++)
        {
            _current[i] = row.TryGetValue(_header[i], out var value) ? Text(value) : string.Empty;
        }

        return true;
    }

    public ReadOnlySpan<char> Field(int index) => index < _current.Length ? _current[index] : [];

    public void Dispose()
    {
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => DateTime.SpecifyKind(t, t.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : t.Kind).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        IDictionary map => JsonSerializer.Serialize(map.Keys.Cast<object>().ToDictionary(k => Convert.ToString(k, CultureInfo.InvariantCulture)!, k => map[k])),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
