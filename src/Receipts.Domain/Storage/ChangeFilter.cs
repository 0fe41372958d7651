namespace Receipts.Domain.Storage;

/// <summary>Which changes to read back; <c>Until</c> is exclusive; null bounds are open.</summary>
public sealed record ChangeFilter
{
    public static ChangeFilter All { get; } = new();

    public string? Repo { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }
}
