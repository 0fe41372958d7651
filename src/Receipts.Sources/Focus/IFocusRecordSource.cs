namespace Receipts.Sources.Focus;

/// <summary>A table read row by row: a CSV file or a Parquet file. Fields are views valid until the next <see cref="Read"/>.</summary>
internal interface IFocusRecordSource : IDisposable
{
    /// <summary>The column names, in file order.</summary>
    IReadOnlyList<string> Header { get; }

    /// <summary>The 1-based line (CSV) or row number (Parquet, header = 1) of the current record.</summary>
    long Line { get; }

    /// <summary>Fields in the current record.</summary>
    int FieldCount { get; }

    /// <summary>Moves to the next record; false at the end.</summary>
    bool Read();

    /// <summary>The text of field <paramref name="index"/> of the current record (empty when absent).</summary>
    ReadOnlySpan<char> Field(int index);
}
