namespace Receipts.Sources.Otlp;

/// <summary>Thrown inside the decoders only, and turned into an <see cref="OtlpDiagnostic"/> at their edge.</summary>
internal sealed class OtlpFormatException : Exception
{
    public OtlpFormatException(string where, string what)
        : base($"{where}: {what}")
    {
        Where = where;
        What = what;
    }

    public OtlpFormatException()
    {
        Where = "";
        What = "";
    }

    public OtlpFormatException(string message)
        : base(message)
    {
        Where = "";
        What = message;
    }

    public OtlpFormatException(string message, Exception inner)
        : base(message, inner)
    {
        Where = "";
        What = message;
    }

    public string Where { get; }

    public string What { get; }
}
