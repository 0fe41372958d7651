namespace Receipts.Sources.Context;

/// <summary>One skipped input line: where, and why.</summary>
public sealed record ImportDiagnostic(string File, long Line, string Reason);
