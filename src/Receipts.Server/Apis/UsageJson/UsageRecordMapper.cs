using System.Globalization;
using Receipts.Domain.Usage;
using Receipts.Server.Ingest;

namespace Receipts.Server.Apis.UsageJson;

/// <summary>Turns the JSON shape into domain records, collecting every missing or impossible field by index.</summary>
internal static class UsageRecordMapper
{
    /// <summary>The records that could be built, each with its index in the batch; the others' problems go to <paramref name="errors"/>.</summary>
    public static List<(int Index, UsageRecord Record)> Map(List<UsageRecordJson?> records, List<RecordError> errors)
    {
        var result = new List<(int, UsageRecord)>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i] is not { } json)
            {
                errors.Add(new RecordError(i, "(record)", "is null; send an object"));
                continue;
            }

            if (Map(i, json, errors) is { } record)
            {
                result.Add((i, record));
            }
        }

        return result;
    }

    private static UsageRecord? Map(int i, UsageRecordJson j, List<RecordError> errors)
    {
        var before = errors.Count;
        void Fail(string field, string message) => errors.Add(new RecordError(i, field, message));

        DateTimeOffset at = default;
        if (string.IsNullOrWhiteSpace(j.At))
        {
            Fail("at", "is required (an ISO 8601 instant such as 2026-11-20T10:00:00Z)");
        }
        else if (!DateTimeOffset.TryParse(j.At, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at))
        {
            Fail("at", $"'{Short(j.At)}' is not an ISO 8601 instant such as 2026-11-20T10:00:00Z");
        }

        TokenCounts tokens = default;
        if (j.Tokens is not { } t)
        {
            Fail("tokens", "is required: {\"input\":…,\"output\":…,\"cacheRead\":…,\"cacheWrite5m\":…,\"cacheWrite1h\":…}");
        }
        else
        {
            var tokenErrors = errors.Count;
            foreach (var (field, value) in new[] { ("input", t.Input), ("output", t.Output), ("cacheRead", t.CacheRead), ("cacheWrite5m", t.CacheWrite5m), ("cacheWrite1h", t.CacheWrite1h) })
            {
                if (value < 0)
                {
                    Fail("tokens." + field, "must be 0 or more");
                }
            }

            if (errors.Count == tokenErrors)
            {
                tokens = new TokenCounts(t.Input ?? 0, t.Output ?? 0, t.CacheRead ?? 0, t.CacheWrite5m ?? 0, t.CacheWrite1h ?? 0);
            }
        }

        var basis = CostBasis.Estimated;
        if (j.CostBasis is { } text && !Enum.TryParse(text, ignoreCase: true, out basis))
        {
            Fail("costBasis", $"'{Short(text)}' is not one of estimated, billed, unknown");
        }

        if (errors.Count > before)
        {
            return null;
        }

        // Required text fields are checked by UsageValidator with the rest of the rules; empty is caught there.
        return new UsageRecord
        {
            Id = j.Id ?? string.Empty,
            SourceKind = j.SourceKind ?? string.Empty,
            SourceName = j.SourceName,
            At = at,
            Provider = j.Provider ?? string.Empty,
            Model = j.Model ?? string.Empty,
            ServiceTier = j.ServiceTier,
            Speed = j.Speed,
            InferenceGeo = j.InferenceGeo,
            Tokens = tokens,
            WebSearchRequests = j.WebSearchRequests ?? 0,
            Requests = j.Requests ?? 1,
            Cost = j.Cost,
            CostBasis = basis,
            Currency = j.Currency ?? "USD",
            MessageId = j.MessageId,
            RequestId = j.RequestId,
            IsSidechain = j.IsSidechain ?? false,
            ApiKeyId = j.ApiKeyId,
            ApiKeyAlias = j.ApiKeyAlias,
            Workspace = j.Workspace,
            Person = j.Person,
            Account = j.Account,
            MachineUser = j.MachineUser,
            SessionId = j.SessionId,
            Tool = j.Tool,
            ToolVersion = j.ToolVersion,
            Repo = j.Repo,
            Branch = j.Branch,
            Cwd = j.Cwd,
            TicketIds = j.TicketIds ?? [],
            Tags = j.Tags ?? [],
        };
    }

    private static string Short(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
