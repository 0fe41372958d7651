using Microsoft.AspNetCore.Http;
using Receipts.Domain.Storage;
using Receipts.Server.Apis;

namespace Receipts.Server.Ingest;

/// <summary>What happened to a batch: committed (with the store's counts), refused (with each bad record), or the store was down.</summary>
public sealed record IngestOutcome
{
    private IngestOutcome()
    {
    }

    public bool IsCommitted { get; private init; }

    public int Accepted { get; private init; }

    /// <summary>The store's counts for this batch; null when it was committed with others and its share is unknown.</summary>
    public UsageWriteResult? Written { get; private init; }

    public IReadOnlyList<RecordError> Errors { get; private init; } = [];

    public string? StoreError { get; private init; }

    public static IngestOutcome Committed(int accepted, UsageWriteResult? written) => new() { IsCommitted = true, Accepted = accepted, Written = written };

    public static IngestOutcome Invalid(IReadOnlyList<RecordError> errors) => new() { Errors = errors };

    public static IngestOutcome Unavailable(string reason) => new() { StoreError = reason };

    /// <summary>The HTTP answer: 200 with the counts only once committed; 400 listing bad records; 503 when the store failed.</summary>
    public IResult ToHttpResult()
    {
        if (IsCommitted)
        {
            return TypedResults.Ok(new IngestResponse(Accepted, Written?.Inserted, Written?.Replaced, Written?.Unchanged));
        }

        return Errors.Count > 0 ? Problems.InvalidRecords(Errors) : Problems.StoreUnavailable(StoreError ?? "The store did not answer.");
    }
}
