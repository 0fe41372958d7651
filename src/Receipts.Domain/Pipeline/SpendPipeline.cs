using Receipts.Domain.Attribution;
using Receipts.Domain.Billing;
using Receipts.Domain.Metrics;
using Receipts.Domain.Pricing;
using Receipts.Domain.Reconciliation;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Domain.Pipeline;

/// <summary>
/// The join the product exists for: usage facts are priced from the price book, placed by the attribution
/// rules (corrections first), reconciled against billed cells (billing is ground truth; estimates stand where
/// no bill covers a cell) and seats are spread over their people's projects. Derived on every run from the
/// facts, the directory and the corrections, so changing a rule and running again moves every number.
/// </summary>
public static class SpendPipeline
{
    private const int TopUnattributed = 10;
    private const int MaxDisagreements = 500;

    public static Task<SpendLedger> RunAsync(
        IUsageStore usage,
        IBillingStore? billing,
        DirectoryView directory,
        PriceBook prices,
        IReadOnlyList<Correction> corrections,
        DateTimeOffset since,
        DateTimeOffset until,
        CancellationToken cancellationToken) =>
        RunAsync(usage, billing, directory, prices, corrections, since, until, SpendRun.Default, cancellationToken);

    public static async Task<SpendLedger> RunAsync(
        IUsageStore usage,
        IBillingStore? billing,
        DirectoryView directory,
        PriceBook prices,
        IReadOnlyList<Correction> corrections,
        DateTimeOffset since,
        DateTimeOffset until,
        SpendRun run,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(corrections);
        ArgumentNullException.ThrowIfNull(run);
        var pricer = new Pricer(prices);
        var attributor = new Attributor(directory.Attribution, corrections);
        var observed = new List<Observation>();
        var unpriced = new SortedSet<string>(StringComparer.Ordinal);

        // Records the attribution rules cannot tell apart are summed in the store and placed once: a correction
        // naming one record keeps that record apart; everything else attribution reads is in the group's key.
        var filter = new UsageGroupFilter
        {
            Since = since,
            Until = until,
            Zone = run.Zone,
            EachRecord = run.EachRecord,
            Separate = corrections.Where(c => c.Target == CorrectionTarget.Record).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        };
        if (run.Splits is { } splits)
        {
            filter = filter with { BranchSplits = splits.ByBranch, TicketSplits = splits.ByTicket };
        }

        var placements = new Dictionary<PlacementKey, (AttributionResult Placed, string? Person)>();
        await foreach (var g in usage.ReadUsageGroupsAsync(filter, cancellationToken))
        {
            var r = g.Totals;
            var price = PriceOf(g, pricer);
            if (!price.IsKnown)
            {
                unpriced.Add(r.Model);
            }

            // Attribution reads no time and no tokens: many day groups of one session share one placement.
            var placementKey = new PlacementKey(r, filter.Separate.Contains(r.Id) ? r.Id : null);
            if (!placements.TryGetValue(placementKey, out var placement))
            {
                placement = (attributor.Attribute(r), directory.PersonOf(r.Person) ?? directory.PersonOf(r.Account) ?? directory.PersonOf(r.MachineUser));
                placements[placementKey] = placement;
            }

            observed.Add(new Observation(g, placement.Placed, placement.Person, CellOf(r, pricer), price.Cost, r.Cost is not null && r.CostBasis == CostBasis.Billed));
        }

        var (billed, identityProjects) = await BilledAsync(billing, directory, pricer, since, until, cancellationToken);
        var reconciliation = Reconciler.Reconcile(
            observed.Where(o => !o.AlreadyBilled).Select(o => new ObservedCost(o.Group.Totals.Id, o.Cell, o.Estimate, o.Placed.Project)),
            billed,
            cell => identityProjects.GetValueOrDefault(cell.IdentityId));
        var recordsByCell = new Dictionary<Cell, long>();
        foreach (var o in observed)
        {
            if (!o.AlreadyBilled)
            {
                recordsByCell[o.Cell] = recordsByCell.GetValueOrDefault(o.Cell) + o.Group.Records;
            }
        }

        var byRecord = new Dictionary<string, Allocation>(StringComparer.Ordinal);
        var items = new List<SpendItem>(observed.Count + 16);
        foreach (var a in reconciliation.Allocations)
        {
            if (a.RecordId is not null)
            {
                byRecord[a.RecordId] = a;
            }
            else
            {
                items.Add(Remainder(a, directory));
            }
        }

        var coverage = new Dictionary<AttributionMethod, (decimal Amount, long Records)>();
        var disagreements = new Dictionary<string, DisagreementItem>(StringComparer.Ordinal);
        var unplacedIdentities = new Dictionary<string, (decimal, long)>(StringComparer.Ordinal);
        var unplacedPaths = new Dictionary<string, (decimal, long)>(StringComparer.Ordinal);
        var seatUsage = new Dictionary<(string Person, int Year, int Month), Dictionary<string, decimal>>();
        foreach (var o in observed)
        {
            decimal? amount;
            bool isBilled;
            if (o.AlreadyBilled)
            {
                (amount, isBilled) = (o.Group.Totals.Cost, true);
            }
            else if (byRecord.TryGetValue(o.Group.Totals.Id, out var allocation))
            {
                (amount, isBilled) = (allocation.Amount, allocation.Basis == AllocationBasis.Billed);
            }
            else
            {
                (amount, isBilled) = (null, false);
            }

            var r = o.Group.Totals;
            items.Add(new SpendItem
            {
                RecordId = r.Id,
                Records = o.Group.Records,
                At = r.At,
                Project = o.Placed.Project,
                Team = o.Placed.Team,
                Model = r.Model,
                Tool = r.Tool ?? r.SourceKind,
                // A person the directory does not know still shows as the identity the source gave.
                Person = o.Person ?? r.Person ?? r.Account ?? r.MachineUser,
                Repo = r.Repo,
                Branch = r.Branch,
                Tickets = r.TicketIds,
                ApiKey = r.ApiKeyAlias ?? r.ApiKeyId,
                Workflow = r.Tags.GetValueOrDefault("workflow"),
                Env = r.Tags.GetValueOrDefault("env") ?? r.Tags.GetValueOrDefault("deployment.environment"),
                SessionId = r.SessionId,
                Provider = r.Provider,
                Requests = r.Requests,
                Tokens = r.Tokens,
                Amount = amount,
                Billed = isBilled,
            });

            var dollars = amount ?? 0m;
            var c = coverage.GetValueOrDefault(o.Placed.Method);
            coverage[o.Placed.Method] = (c.Amount + dollars, c.Records + o.Group.Records);
            if (o.Placed.IsDisagreement)
            {
                // One queue item per session and verdict: a person fixes a session, not each of its requests.
                var key = (r.SessionId ?? r.Id) + "\n" + o.Placed.Project + "\n" + string.Join(",", o.Placed.Conflicts.Select(x => x.Project));
                if (disagreements.TryGetValue(key, out var existing))
                {
                    disagreements[key] = existing with { Amount = existing.Amount + amount, Records = existing.Records + (int)o.Group.Records };
                }
                else if (disagreements.Count < MaxDisagreements)
                {
                    disagreements[key] = new DisagreementItem(r.Id, r.SessionId, r.Branch, r.Repo, r.At, o.Placed.Project, o.Placed.Method, o.Placed.Conflicts, amount) { Records = (int)o.Group.Records };
                }
            }

            if (o.Placed.Project is null)
            {
                Bump(unplacedIdentities, r.ApiKeyAlias ?? r.ApiKeyId ?? o.Person ?? r.Person ?? r.MachineUser ?? "(unknown)", dollars, o.Group.Records);
                Bump(unplacedPaths, r.Repo ?? r.Cwd ?? "(none)", dollars, o.Group.Records);
            }

            // A seat is spread by list-priced usage, whatever the bill says.
            if (o.Person is not null && o.Estimate is { } estimate)
            {
                var key = (o.Person, r.At.UtcDateTime.Year, r.At.UtcDateTime.Month);
                if (!seatUsage.TryGetValue(key, out var byProject))
                {
                    seatUsage[key] = byProject = new Dictionary<string, decimal>(StringComparer.Ordinal);
                }

                var project = o.Placed.Project ?? string.Empty;
                byProject[project] = byProject.GetValueOrDefault(project) + estimate;
            }
        }

        var seats = await SeatsAsync(billing, directory, cancellationToken);
        var seatAllocations = SeatSpreader.Spread(
            seats,
            seatUsage.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, decimal>)kv.Value),
            DateOnly.FromDateTime(since.UtcDateTime),
            DateOnly.FromDateTime(until.UtcDateTime.AddTicks(-1)));
        foreach (var s in seatAllocations)
        {
            // A seat is paid by the month but used every day: spread it over the days it covers, so no week
            // carries a whole month. Cents by largest remainder keep the month exact.
            var monthStart = new DateOnly(s.Year, s.Month, 1);
            var first = Max(monthStart, s.Seat.From, DateOnly.FromDateTime(since.UtcDateTime));
            var last = Min(monthStart.AddMonths(1).AddDays(-1), s.Seat.To ?? DateOnly.MaxValue, DateOnly.FromDateTime(until.UtcDateTime.AddTicks(-1)));
            var seatFirst = monthStart > s.Seat.From ? monthStart : s.Seat.From;
            var seatLast = s.Seat.To is { } to && to < monthStart.AddMonths(1).AddDays(-1) ? to : monthStart.AddMonths(1).AddDays(-1);
            var days = last.DayNumber - first.DayNumber + 1;
            if (days <= 0)
            {
                continue;
            }

            // Only the days inside the report's period are charged: a month half in the period costs half.
            var amount = s.Amount * days / (seatLast.DayNumber - seatFirst.DayNumber + 1);
            var cents = EvenCents(Money.ToCents(amount), days);
            for (var d = 0; d < days; d++)
            {
                items.Add(new SpendItem
                {
                    RecordId = $"seat:{s.Seat.Tool}:{s.Seat.Person}:{first.AddDays(d):yyyy-MM-dd}:{s.Project}",
                    At = new DateTimeOffset(first.AddDays(d).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero),
                    Project = s.Project,
                    Team = s.Project is null ? directory.Config.People.GetValueOrDefault(s.Seat.Person)?.Team : directory.TeamOfProject.GetValueOrDefault(s.Project),
                    Model = "(seat)",
                    Tool = s.Seat.Tool,
                    Person = s.Seat.Person,
                    Amount = cents[d] / 100m,
                    Billed = true,
                    Requests = 0,
                });
            }

            var method = s.Project is null ? AttributionMethod.None : AttributionMethod.Seat;
            var c = coverage.GetValueOrDefault(method);
            coverage[method] = (c.Amount + (cents.Sum() / 100m), c.Records);
        }

        foreach (var remainder in items.Where(i => i.RecordId.StartsWith("billing:", StringComparison.Ordinal)))
        {
            var method = remainder.Project is null ? AttributionMethod.None : AttributionMethod.KeyAlias;
            var c = coverage.GetValueOrDefault(method);
            coverage[method] = (c.Amount + (remainder.Amount ?? 0m), c.Records);
        }

        return new SpendLedger
        {
            Items = items,
            // Reconciliation saw groups; a cell reports the records they sum.
            Cells = reconciliation.Cells.Select(c => c with { Records = checked((int)recordsByCell.GetValueOrDefault(c.Cell)) }).ToList(),
            Coverage = coverage
                .OrderBy(kv => kv.Key)
                .Select(kv => new CoverageRow(kv.Key, Attributor.ConfidenceOf(kv.Key), kv.Value.Amount, kv.Value.Records))
                .ToList(),
            Disagreements = disagreements.Values.OrderByDescending(d => d.Amount ?? 0m).ThenBy(d => d.At).ToList(),
            UnattributedIdentities = Top(unplacedIdentities),
            UnattributedPaths = Top(unplacedPaths),
            IdleSeats = seatAllocations.Where(s => s.Idle).ToList(),
            UnpricedModels = [.. unpriced],
        };
    }

    /// <summary>The reconciliation cell of a usage record: the finest billing identity it carries.</summary>
    public static Cell CellOf(UsageRecord r, Pricer pricer)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(pricer);
        var (kind, id) = r.ApiKeyId is { Length: > 0 } key ? (IdentityKind.ApiKey, key)
            : r.Workspace is { Length: > 0 } workspace ? (IdentityKind.Workspace, workspace)
            : r.Account is { Length: > 0 } account ? (IdentityKind.Seat, account)
            : r.Person is { Length: > 0 } person ? (IdentityKind.Seat, person)
            : (IdentityKind.Organisation, "org");
        return new Cell(r.Provider.ToLowerInvariant(), DateOnly.FromDateTime(r.At.UtcDateTime), kind, id, CanonicalModel(r.Model, pricer));
    }

    private static string CanonicalModel(string? model, Pricer pricer) =>
        model is null ? "(none)" : pricer.Lookup(model)?.Model ?? model.ToLowerInvariant();

    private static async Task<(List<BilledAmount> Billed, Dictionary<string, string> IdentityProjects)> BilledAsync(
        IBillingStore? billing, DirectoryView directory, Pricer pricer, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var billed = new List<BilledAmount>();
        var identityProjects = new Dictionary<string, string>(StringComparer.Ordinal);
        if (billing is null)
        {
            return (billed, identityProjects);
        }

        foreach (var identity in await billing.ReadBillingIdentitiesAsync(null, cancellationToken))
        {
            if ((directory.Attribution.ProjectOfKey(identity.Name) ?? directory.Attribution.ProjectOfKey(identity.Id)) is { } project)
            {
                identityProjects[identity.Id] = project;
            }
        }

        await foreach (var line in billing.ReadBillingLinesAsync(new BillingFilter { Since = since, Until = until }, cancellationToken))
        {
            if (line.Basis != CostBasis.Billed || line.Amount is not { } amount)
            {
                continue;
            }

            var kind = line.IdentityKind switch
            {
                BillingIdentityKind.ApiKey => IdentityKind.ApiKey,
                BillingIdentityKind.Workspace or BillingIdentityKind.Project => IdentityKind.Workspace,
                BillingIdentityKind.User or BillingIdentityKind.Account => IdentityKind.Seat,
                _ => IdentityKind.Organisation,
            };
            if (line.IdentityAlias is { } alias && directory.Attribution.ProjectOfKey(alias) is { } aliased)
            {
                identityProjects.TryAdd(line.IdentityId, aliased);
            }

            billed.Add(new BilledAmount(new Cell(line.Provider.ToLowerInvariant(), line.Day, kind, line.IdentityId, CanonicalModel(line.Model, pricer)), amount));
        }

        return (billed, identityProjects);
    }

    private static async Task<List<SeatCost>> SeatsAsync(IBillingStore? billing, DirectoryView directory, CancellationToken cancellationToken)
    {
        var seats = directory.Config.Seats
            .Select(s => new SeatCost(s.Tool, s.Person, s.MonthlyCost, s.From, s.To))
            .ToList();
        if (billing is not null)
        {
            foreach (var s in await billing.ReadSeatsAsync(cancellationToken))
            {
                var person = directory.PersonOf(s.Person) ?? s.Person;
                if (!seats.Any(x => x.Tool == s.Tool && x.Person == person && x.From == s.From))
                {
                    seats.Add(new SeatCost(s.Tool, person, s.MonthlyCost, s.From, s.To));
                }
            }
        }

        return seats;
    }

    private static SpendItem Remainder(Allocation a, DirectoryView directory) => new()
    {
        RecordId = $"billing:{a.Cell}",
        At = new DateTimeOffset(a.Cell.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        Project = a.Project,
        Team = a.Project is null ? null : directory.TeamOfProject.GetValueOrDefault(a.Project),
        Model = a.Cell.Model,
        Provider = a.Cell.Provider,
        ApiKey = a.Cell.IdentityKind == IdentityKind.ApiKey ? a.Cell.IdentityId : null,
        Amount = a.Amount,
        Billed = true,
        Requests = 0,
    };

    /// <summary>
    /// Splits cents evenly over days by rounding the running total: the parts sum exactly, and any run of
    /// consecutive days is within a cent of its exact share (spare cents do not pile up on the first days).
    /// </summary>
    internal static long[] EvenCents(long cents, int days)
    {
        var parts = new long[days];
        long previous = 0;
        for (var d = 0; d < days; d++)
        {
            var cumulative = (long)decimal.Round((decimal)cents * (d + 1) / days, 0, MidpointRounding.AwayFromZero);
            parts[d] = cumulative - previous;
            previous = cumulative;
        }

        return parts;
    }

    private static DateOnly Max(DateOnly a, DateOnly b, DateOnly c) => a > b ? (a > c ? a : c) : (b > c ? b : c);

    private static DateOnly Min(DateOnly a, DateOnly b, DateOnly c) => a < b ? (a < c ? a : c) : (b < c ? b : c);

    private static void Bump(Dictionary<string, (decimal Amount, long Records)> map, string key, decimal amount, long records)
    {
        var c = map.GetValueOrDefault(key);
        map[key] = (c.Amount + amount, c.Records + records);
    }

    private static List<(string, decimal, long)> Top(Dictionary<string, (decimal Amount, long Records)> map) =>
        map.OrderByDescending(kv => kv.Value.Amount).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(TopUnattributed)
            .Select(kv => (kv.Key, kv.Value.Amount, kv.Value.Records)).ToList();

    /// <summary>A group's price, as <see cref="Pricer.Price"/> gives each of its records, summed.</summary>
    private static PriceResult PriceOf(UsageGroup group, Pricer pricer)
    {
        var r = group.Totals;
        if (r.Cost is not null || (r.Tokens.Total == 0 && r.WebSearchRequests == 0) || pricer.Lookup(r.Model) is not { } price)
        {
            return pricer.Price(r);
        }

        var cost = Pricer.Compute(price, r.Tokens, Pricer.ParseTier(r.ServiceTier), group.LongContext, r.Speed, r.InferenceGeo, r.WebSearchRequests);
        return new PriceResult(cost, CostBasis.Estimated, FromRecord: false, group.LongContext && price.Above200k is not null);
    }

    private sealed record Observation(UsageGroup Group, AttributionResult Placed, string? Person, Cell Cell, decimal? Estimate, bool AlreadyBilled);

    /// <summary>Everything <see cref="Attributor"/> and the person lookup read from a record.</summary>
    private readonly record struct PlacementKey(
        string? Separate,
        string? SessionId,
        string? Branch,
        string? Repo,
        string? Cwd,
        string? ApiKeyAlias,
        string? ApiKeyId,
        string? Person,
        string? Account,
        string? MachineUser,
        string? Tickets,
        string? Tags)
    {
        public PlacementKey(UsageRecord r, string? separate)
            : this(
                separate,
                r.SessionId,
                r.Branch,
                r.Repo,
                r.Cwd,
                r.ApiKeyAlias,
                r.ApiKeyId,
                r.Person,
                r.Account,
                r.MachineUser,
                r.TicketIds.Count == 0 ? null : string.Join(' ', r.TicketIds),
                r.Tags.Count == 0 ? null : string.Join('\n', r.Tags.Select(kv => kv.Key + "\t" + kv.Value)))
        {
        }
    }
}
