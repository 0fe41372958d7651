namespace Receipts.Domain.Attribution;

/// <summary>A person: every alias they appear under (emails, account ids, machine user names) and their team.</summary>
public sealed record PersonDefinition
{
    public required string Name { get; init; }

    public required string Team { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];
}
