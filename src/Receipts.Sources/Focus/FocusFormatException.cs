namespace Receipts.Sources.Focus;

/// <summary>A FOCUS file has bad rows or a bad header; nothing of the import was written.</summary>
public sealed class FocusFormatException : Exception
{
    public FocusFormatException(IReadOnlyList<FocusError> errors, bool more)
        : base(Describe(errors, more))
    {
        Errors = errors;
    }

    public FocusFormatException()
    {
        Errors = [];
    }

    public FocusFormatException(string message)
        : base(message)
    {
        Errors = [];
    }

    public FocusFormatException(string message, Exception inner)
        : base(message, inner)
    {
        Errors = [];
    }

    public IReadOnlyList<FocusError> Errors { get; }

    private static string Describe(IReadOnlyList<FocusError> errors, bool more) =>
        errors.Count == 1 && !more
            ? errors[0].ToString()
            : $"{errors.Count}{(more ? "+" : string.Empty)} bad rows, first: {errors[0]}";
}
