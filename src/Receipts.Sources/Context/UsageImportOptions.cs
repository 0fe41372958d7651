using Receipts.Domain.Tickets;

namespace Receipts.Sources.Context;

/// <summary>How a local agent-log import (Claude Code, Codex) attributes and reads.</summary>
public sealed class UsageImportOptions
{
    /// <summary>Finds ticket ids in branch names. Default: <see cref="TicketIdParser.Default"/> (<c>ABC-123</c>, <c>#123</c>).</summary>
    public TicketIdParser Tickets { get; init; } = TicketIdParser.Default;

    /// <summary>Maps a working directory to its repository. Default: a fresh resolver reading this machine's git config.</summary>
    public RepoResolver Repos { get; init; } = new();

    /// <summary>The machine user recorded on each record. Default: <see cref="Environment.UserName"/>.</summary>
    public string? MachineUser { get; init; } = Environment.UserName;

    /// <summary>Files read in parallel. Default: the processor count, between 2 and 4.</summary>
    public int Workers { get; init; } = Math.Clamp(Environment.ProcessorCount, 2, 4);

    /// <summary>Records per store write; smaller batches keep the store's memory down. Default: 20,000.</summary>
    public int WriteBatchSize { get; init; } = 20_000;
}
