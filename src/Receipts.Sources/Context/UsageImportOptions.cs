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

    /// <summary>
    /// Records per store write (one transaction each). Records are converted while the store stages them, so a
    /// batch costs the store's staging table, not a list of records; every write pays a merge and a commit, so
    /// fewer is faster. Default: 1,000,000 (an ordinary import, even of a year of heavy use, is one write).
    /// </summary>
    public int WriteBatchSize { get; init; } = 1_000_000;
}
