namespace Receipts.Server.Dashboard.Tables;

/// <summary>A column: its heading, and whether it holds numbers (right-aligned).</summary>
public sealed record TableColumn(string Header, bool Numeric = false);
