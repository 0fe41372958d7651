namespace Receipts.Server.Dashboard.Pages;

/// <summary>What the frame around every page shows: who is logged in, how fresh the numbers are, the filters.</summary>
public sealed record ShellModel
{
    public required string Path { get; init; }

    public string? User { get; init; }

    public string? ComputedAt { get; init; }

    public string? AsOf { get; init; }

    public long Version { get; init; }

    public bool Computing { get; init; }

    public string? Error { get; init; }

    public Filters? Filters { get; init; }

    public IReadOnlyList<(string Name, string? Band)> Teams { get; init; } = [];

    public IReadOnlyList<string> Bands { get; init; } = [];

    public required string AntiforgeryField { get; init; }

    public required string AntiforgeryToken { get; init; }

    /// <summary>A one-line confirmation (a correction was recorded).</summary>
    public string? Notice { get; init; }

    /// <summary>False when the build had no npm: the page says the charts are missing.</summary>
    public bool ChartsAvailable { get; init; } = true;
}
