namespace Receipts.Domain.Directory;

/// <summary>A project in the directory (<c>projects:</c> in <c>receipts.yaml</c>).</summary>
public sealed record ProjectConfig
{
    public required string Name { get; init; }

    /// <summary>The owning team; always a key of <see cref="DirectoryConfig.Teams"/>.</summary>
    public required string Team { get; init; }

    /// <summary>Repositories, normalised by <see cref="RepoName.Normalize"/> (<c>github.com/acme/payments</c>).</summary>
    public IReadOnlyList<string> Repos { get; init; } = [];
}
