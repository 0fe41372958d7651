using Receipts.Domain.Usage;

namespace Receipts.Domain.Reports;

/// <summary>The running sums of one report group (and, nested, of one model within it). Mutable, for the fold only.</summary>
internal sealed class UsageBucket(string key)
{
    private Dictionary<string, UsageBucket>? _models;

    public string Key { get; } = key;

    public string? Project { get; set; }

    public string? Branch { get; set; }

    public long Input { get; private set; }

    public long Output { get; private set; }

    public long CacheRead { get; private set; }

    public long CacheWrite5m { get; private set; }

    public long CacheWrite1h { get; private set; }

    public long WebSearchRequests { get; private set; }

    public long Requests { get; private set; }

    public long Records { get; private set; }

    public decimal Cost { get; private set; }

    public bool CostUnknown { get; private set; }

    public DateTimeOffset First { get; private set; } = DateTimeOffset.MaxValue;

    public DateTimeOffset Last { get; private set; } = DateTimeOffset.MinValue;

    public void Add(UsageRecord record, decimal? cost, bool trackModels) =>
        Add(record, cost, 1, record.At, record.At, trackModels);

    /// <summary>Adds <paramref name="records"/> records summed into <paramref name="record"/>, from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public void Add(UsageRecord record, decimal? cost, long records, DateTimeOffset first, DateTimeOffset last, bool trackModels)
    {
        var t = record.Tokens;
        Input += t.Input;
        Output += t.Output;
        CacheRead += t.CacheRead;
        CacheWrite5m += t.CacheWrite5m;
        CacheWrite1h += t.CacheWrite1h;
        WebSearchRequests += record.WebSearchRequests;
        Requests += record.Requests;
        Records += records;
        if (cost is { } c)
        {
            Cost += c;
        }
        else
        {
            CostUnknown = true;
        }

        if (first < First)
        {
            First = first;
        }

        if (last >= Last)
        {
            Last = last;
            Project = record.Repo ?? record.Cwd ?? Project;
        }

        if (trackModels)
        {
            _models ??= new Dictionary<string, UsageBucket>(StringComparer.Ordinal);
            if (!_models.TryGetValue(record.Model, out var model))
            {
                model = new UsageBucket(record.Model);
                _models[record.Model] = model;
            }

            model.Add(record, cost, records, first, last, trackModels: false);
        }
    }

    public void Merge(UsageBucket other)
    {
        Input += other.Input;
        Output += other.Output;
        CacheRead += other.CacheRead;
        CacheWrite5m += other.CacheWrite5m;
        CacheWrite1h += other.CacheWrite1h;
        WebSearchRequests += other.WebSearchRequests;
        Requests += other.Requests;
        Records += other.Records;
        Cost += other.Cost;
        CostUnknown |= other.CostUnknown;
        First = other.First < First ? other.First : First;
        Last = other.Last > Last ? other.Last : Last;
        if (other._models is null)
        {
            return;
        }

        _models ??= new Dictionary<string, UsageBucket>(StringComparer.Ordinal);
        foreach (var (name, model) in other._models)
        {
            if (!_models.TryGetValue(name, out var mine))
            {
                mine = new UsageBucket(name);
                _models[name] = mine;
            }

            mine.Merge(model);
        }
    }

    public UsageRow ToRow(string? branch = null)
    {
        var models = _models is null
            ? []
            : _models.Values
                .OrderBy(m => m.Key, StringComparer.Ordinal)
                .Select(m => new ModelUsage(m.Key, m.Tokens, m.WebSearchRequests, m.Records, m.Cost, m.CostUnknown))
                .ToList();
        return new UsageRow
        {
            Key = Key,
            Project = Project,
            Branch = branch ?? Branch,
            Tokens = Tokens,
            WebSearchRequests = WebSearchRequests,
            Requests = Requests,
            Records = Records,
            Cost = Cost,
            CostUnknown = CostUnknown,
            UnpricedModels = [.. models.Where(m => m.CostUnknown).Select(m => m.Model)],
            Models = models,
            FirstActivity = Records == 0 ? default : First,
            LastActivity = Records == 0 ? default : Last,
        };
    }

    private TokenCounts Tokens => new(Input, Output, CacheRead, CacheWrite5m, CacheWrite1h);
}
