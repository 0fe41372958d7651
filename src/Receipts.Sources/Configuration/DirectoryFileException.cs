namespace Receipts.Sources.Configuration;

/// <summary><c>receipts.yaml</c> is wrong: the message names the file, the line and the field.</summary>
public sealed class DirectoryFileException : Exception
{
    public DirectoryFileException(string path, int line, string field, string problem)
        : base($"{path}:{line}: {field}: {problem}")
    {
        Path = path;
        Line = line;
        Field = field;
    }

    public DirectoryFileException()
    {
        Path = Field = string.Empty;
    }

    public DirectoryFileException(string message)
        : base(message)
    {
        Path = Field = string.Empty;
    }

    public DirectoryFileException(string message, Exception inner)
        : base(message, inner)
    {
        Path = Field = string.Empty;
    }

    public string Path { get; }

    public int Line { get; }

    /// <summary>The dotted path of the field: <c>teams.payments.window_days</c>.</summary>
    public string Field { get; }
}
