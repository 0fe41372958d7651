namespace Receipts.Server.Dashboard.Pages;

/// <summary>One disagreement, ready to be fixed in one step: what it names, where it sits, who else claims it.</summary>
public sealed record FixForm(string Target, string Value, string Label, string? Project, IReadOnlyList<string> Candidates, string Amount, string Detail);
