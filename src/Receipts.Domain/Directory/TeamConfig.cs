namespace Receipts.Domain.Directory;

/// <summary>A team in the directory (<c>teams:</c> in <c>receipts.yaml</c>).</summary>
public sealed record TeamConfig
{
    public required string Name { get; init; }

    /// <summary>The observation window N in days; null means the directory's default (14 unless set).</summary>
    public int? WindowDays { get; init; }
}
