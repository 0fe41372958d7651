using Receipts.Server.Dashboard.Tables;

namespace Receipts.Server.Dashboard.Pages;

/// <summary>(Public only because Razor components are.) One page of the dashboard as data; <c>PageView.razor</c> renders it, <see cref="CsvWriter"/> exports its tables.</summary>
public sealed record DashboardPage
{
    public required string Title { get; init; }

    /// <summary>The way back up the drill-down: label and link.</summary>
    public IReadOnlyList<(string Label, string Href)> Crumbs { get; init; } = [];

    public IReadOnlyList<(string Label, string Value)> Facts { get; init; } = [];

    /// <summary>The board line on the home page.</summary>
    public string? Headline { get; init; }

    /// <summary>The charts' data (JSON) on the home page.</summary>
    public string? Charts { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    public IReadOnlyList<TableView> Tables { get; init; } = [];

    /// <summary>The disagreements a person can fix here (attribution page).</summary>
    public IReadOnlyList<FixForm> Fixes { get; init; } = [];

    /// <summary>True when the caller may record a correction.</summary>
    public bool CanFix { get; init; }

    public IReadOnlyList<string> CorrectableProjects { get; init; } = [];
}
