namespace Receipts.Sources.Otlp;

/// <summary>What was wrong and where: <c>resourceMetrics[0].scopeMetrics[1].metrics[2]</c>, a byte offset, a field.</summary>
public sealed record OtlpDiagnostic(string Where, string What)
{
    public override string ToString() => $"{Where}: {What}";
}
