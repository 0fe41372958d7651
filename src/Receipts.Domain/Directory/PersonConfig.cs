namespace Receipts.Domain.Directory;

/// <summary>A person (<c>people:</c> in <c>receipts.yaml</c>): the team they belong to and every name they appear under.</summary>
public sealed record PersonConfig
{
    public required string Name { get; init; }

    /// <summary>Always a key of <see cref="DirectoryConfig.Teams"/>.</summary>
    public required string Team { get; init; }

    public IReadOnlyList<string> Emails { get; init; } = [];

    /// <summary>Provider account ids (Anthropic <c>user.account_uuid</c>, OpenAI user ids…).</summary>
    public IReadOnlyList<string> Accounts { get; init; } = [];

    /// <summary>Machine user names (what <c>whoami</c> prints on their laptops).</summary>
    public IReadOnlyList<string> MachineUsers { get; init; } = [];

    /// <summary>Any other alias (GitHub login, Slack handle).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    public IEnumerable<string> AllAliases => Emails.Concat(Accounts).Concat(MachineUsers).Concat(Aliases);
}
