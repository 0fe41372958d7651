using Receipts.Domain.Usage;

namespace Receipts.Server.Ingest;

/// <summary>
/// The rules a record must meet to be stored, whichever endpoint it came through. Never throws: collects
/// every problem by record index and field.
/// </summary>
internal static class UsageValidator
{
    private const int MaxId = 512;
    private const int MaxText = 4096;
    private const int MaxTags = 64;

    // Far above any real request, far below where sums of token counts could overflow a 64-bit column.
    private const long MaxCount = 1_000_000_000_000;

    public static List<RecordError> Validate(IReadOnlyList<UsageRecord> records, DateTimeOffset now)
    {
        var errors = new List<RecordError>();
        for (var i = 0; i < records.Count; i++)
        {
            Validate(i, records[i], now, errors);
        }

        return errors;
    }

    public static void Validate(int i, UsageRecord r, DateTimeOffset now, List<RecordError> errors)
    {
        void Fail(string field, string message) => errors.Add(new RecordError(i, field, message));

        Required(i, "id", r.Id, MaxId, errors);
        Required(i, "sourceKind", r.SourceKind, 64, errors);
        Required(i, "provider", r.Provider, 64, errors);
        Required(i, "model", r.Model, 256, errors);
        if (r.At.Year < 2000 || r.At > now.AddDays(1))
        {
            Fail("at", $"{r.At:O} is not a plausible instant (after 2000, at most a day ahead of the server clock)");
        }

        if (r.Requests is < 0 or > MaxCount)
        {
            Fail("requests", $"must be between 0 and {MaxCount}");
        }

        if (r.WebSearchRequests is < 0 or > MaxCount)
        {
            Fail("webSearchRequests", $"must be between 0 and {MaxCount}");
        }

        foreach (var (field, count) in new[] { ("tokens.input", r.Tokens.Input), ("tokens.output", r.Tokens.Output), ("tokens.cacheRead", r.Tokens.CacheRead), ("tokens.cacheWrite5m", r.Tokens.CacheWrite5m), ("tokens.cacheWrite1h", r.Tokens.CacheWrite1h) })
        {
            if (count > MaxCount)
            {
                Fail(field, $"must be at most {MaxCount}");
            }
        }

        if (r.Cost is < -1_000_000_000m or > 1_000_000_000m)
        {
            Fail("cost", "must be within ±1,000,000,000");
        }

        if (r.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
        {
            Fail("currency", "must be an ISO 4217 code such as USD");
        }

        if (!Enum.IsDefined(r.CostBasis))
        {
            Fail("costBasis", "must be estimated, billed or unknown");
        }

        foreach (var (field, value) in Optional(r))
        {
            if (value is { Length: > MaxText })
            {
                Fail(field, $"is longer than {MaxText} characters");
            }
        }

        for (var t = 0; t < r.TicketIds.Count; t++)
        {
            if (string.IsNullOrEmpty(r.TicketIds[t]) || r.TicketIds[t].Any(char.IsWhiteSpace) || r.TicketIds[t].Length > 128)
            {
                Fail($"ticketIds[{t}]", "must be a ticket id without spaces (at most 128 characters)");
            }
        }

        if (r.Tags.Count > MaxTags)
        {
            Fail("tags", $"has more than {MaxTags} entries");
        }

        foreach (var (key, value) in r.Tags)
        {
            if (key.Length is 0 or > 128 || value is null || value.Length > 1024)
            {
                Fail($"tags.{key}", "keys must be 1-128 characters and values at most 1024");
            }
        }
    }

    private static void Required(int i, string field, string? value, int max, List<RecordError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new RecordError(i, field, "is required"));
        }
        else if (value.Length > max)
        {
            errors.Add(new RecordError(i, field, $"is longer than {max} characters"));
        }
    }

    private static IEnumerable<(string Field, string? Value)> Optional(UsageRecord r) =>
    [
        ("sourceName", r.SourceName), ("serviceTier", r.ServiceTier), ("speed", r.Speed), ("inferenceGeo", r.InferenceGeo),
        ("messageId", r.MessageId), ("requestId", r.RequestId), ("apiKeyId", r.ApiKeyId), ("apiKeyAlias", r.ApiKeyAlias),
        ("workspace", r.Workspace), ("person", r.Person), ("account", r.Account), ("machineUser", r.MachineUser),
        ("sessionId", r.SessionId), ("tool", r.Tool), ("toolVersion", r.ToolVersion), ("repo", r.Repo),
        ("branch", r.Branch), ("cwd", r.Cwd),
    ];
}
