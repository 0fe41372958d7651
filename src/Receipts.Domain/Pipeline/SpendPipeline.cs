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

    public static async Task<SpendLedger> RunAsync(
        IUsageStore usage,
        IBillingStore? billing,
        DirectoryView directory,
        PriceBook prices,
        IReadOnlyList<Correction> corrections,
        DateTimeOffset since,
        DateTimeOffset until,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(prices);
        var pricer = new Pricer(prices);
        var attributor = new Attributor(directory.Attribution, corrections);
        var observed = new List<Observation>();
        var unpriced = new SortedSet<string>(StringComparer.Ordinal);

        await foreach (var r in usage.ReadUsageAsync(new UsageFilter { Since = since, Until = until }, cancellationToken))
        {
            var price = pricer.Price(r);
            if (!price.IsKnown)
            {
                unpriced.Add(r.Model);
            }

            var placed = attributor.Attribute(r);
            var person = directory.PersonOf(r.Person) ?? directory.PersonOf(r.Account) ?? directory.PersonOf(r.MachineUser);
            observed.Add(new Observation(r, placed, person, CellOf(r, pricer), price.Cost, r.Cost is not null && r.CostBasis == CostBasis.Billed));
        }

        var (billed, identityProjects) = await BilledAsync(billing, directory, pricer, since, until, cancellationToken);
        var reconciliation = Reconciler.Reconcile(
            observed.Where(o => !o.AlreadyBilled).Select(o => new ObservedCost(o.Record.Id, o.Cell, o.Estimate, o.Placed.Project)),
            billed,
            cell => identityProjects.GetValueOrDefault(cell.IdentityId));
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
                (amount, isBilled) = (o.Record.Cost, true);
            }
            else if (byRecord.TryGetValue(o.Record.Id, out var allocation))
            {
                (amount, isBilled) = (allocation.Amount, allocation.Basis == AllocationBasis.Billed);
            }
            else
            {
                (amount, isBilled) = (null, false);
            }

            var r = o.Record;
            items.Add(new SpendItem
            {
                RecordId = r.Id,
                At = r.At,
                Project = o.Placed.Project,
                Team = o.Placed.Team,
                Model = r.Model,
                Tool = r.Tool ?? r.SourceKind,
                Person = o.Person,
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
            coverage[o.Placed.Method] = (c.Amount + dollars, c.Records + 1);
            if (o.Placed.IsDisagreement)
            {
                // One queue item per session and verdict: a person fixes a session, not each of its requests.
                var key = (r.SessionId ?? r.Id) + "\n" + o.Placed.Project + "\n" + string.Join(",", o.Placed.Conflicts.Select(x => x.Project));
                if (disagreements.TryGetValue(key, out var existing))
                {
                    disagreements[key] = existing with { Amount = existing.Amount + amount, Records = existing.Records + 1 };
                }
                else if (disagreements.Count < MaxDisagreements)
                {
                    disagreements[key] = new DisagreementItem(r.Id, r.SessionId, r.Branch, r.Repo, r.At, o.Placed.Project, o.Placed.Method, o.Placed.Conflicts, amount);
                }
            }

            if (o.Placed.Project is null)
            {
                Bump(unplacedIdentities, r.ApiKeyAlias ?? r.ApiKeyId ?? o.Person ?? r.Person ?? r.MachineUser ?? "(unknown)", dollars);
                Bump(unplacedPaths, r.Repo ?? r.Cwd ?? "(none)", dollars);
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
            Cells = reconciliation.Cells,
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

    private static void Bump(Dictionary<string, (decimal Amount, long Records)> map, string key, decimal amount)
    {
        var c = map.GetValueOrDefault(key);
        map[key] = (c.Amount + amount, c.Records + 1);
    }

    private static List<(string, decimal, long)> Top(Dictionary<string, (decimal Amount, long Records)> map) =>
        map.OrderByDescending(kv => kv.Value.Amount).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(TopUnattributed)
            .Select(kv => (kv.Key, kv.Value.Amount, kv.Value.Records)).ToList();

    private sealed record Observation(UsageRecord Record, AttributionResult Placed, string? Person, Cell Cell, decimal? Estimate, bool AlreadyBilled);
}
