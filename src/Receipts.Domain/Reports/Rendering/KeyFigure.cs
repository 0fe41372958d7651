namespace Receipts.Domain.Reports.Rendering;

/// <summary>One headline number: <c>Spend $12,340.00</c> with a note such as <c>+8% on last week</c>.</summary>
public sealed record KeyFigure(string Label, string Value, string? Note);
