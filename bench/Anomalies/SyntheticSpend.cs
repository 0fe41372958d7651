using Receipts.Domain.Anomalies;
using Receipts.Domain.Metrics;
using Receipts.Domain.Usage;

namespace Receipts.Bench.Anomalies;

/// <summary>
/// Months of steady synthetic spend with ordinary noise — three teams of four developers (weekday work,
/// a day off now and then, rare weekend work, lognormal day-to-day noise of 35%, busy and quiet hours, calls
/// in proportion to the dollars with their own noise) and
/// one production service per team (around the clock, quieter at weekends, 20% noise) — with at most one
/// known anomaly injected. Deterministic per seed.
/// </summary>
internal sealed class SyntheticSpend
{
    public static readonly DateOnly Start = new(2026, 1, 5);

    private readonly Random _random;
    private readonly List<SpendItem> _items = [];
    private readonly Dictionary<string, decimal> _levels = new(StringComparer.Ordinal);
    private int _next;

    private SyntheticSpend(int seed)
    {
        _random = new Random(seed);
    }

    public IReadOnlyList<SpendItem> Items => _items;

    public Injected? Injected { get; private set; }

    public int Days { get; private init; }

    /// <summary>Each developer's level: the median of their weekday (what the noise is drawn around), for diagnostics.</summary>
    public IReadOnlyDictionary<string, decimal> Levels => _levels;

    public static SyntheticSpend Generate(int seed, Scenario scenario, int days = 120)
    {
        var spend = new SyntheticSpend(seed) { Days = days };
        spend.Build(scenario);
        return spend;
    }

    public static DateTimeOffset At(DateOnly day, int hour, int minute = 0) =>
        new(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);

    private void Build(Scenario scenario)
    {
        var teams = new[] { "payments", "search", "platform" };
        var people = teams.SelectMany(t => Enumerable.Range(1, 4).Select(i => (Person: $"{t}-dev{i}", Team: t, Project: $"{t}-{(i <= 2 ? "api" : "web")}", Level: 20m + (decimal)(_random.NextDouble() * 100)))).ToList();
        foreach (var p in people)
        {
            _levels[p.Person] = p.Level;
        }

        var services = teams.Select(t => (Workflow: $"{t}-summarise", Team: t, Project: $"{t}-api", Key: $"{t}-prod", Hourly: 3m + (decimal)(_random.NextDouble() * 7))).ToList();

        // The anomaly's day: after two baselines' worth of history, with room to see it afterwards.
        var day0 = Start.AddDays(60 + _random.Next(0, Days - 75));
        while (day0.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day0 = day0.AddDays(1);
        }

        var target = people[_random.Next(people.Count)];
        var service = services[_random.Next(services.Count)];
        var runawayHour = 10 + _random.Next(0, 7);

        for (var offset = 0; offset < Days; offset++)
        {
            var day = Start.AddDays(offset);
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            foreach (var p in people)
            {
                var active = weekend ? _random.NextDouble() < 0.08 : _random.NextDouble() < 0.9;
                active |= scenario is (Scenario.Spike or Scenario.SpikeSmall) && p == target && day == day0;
                if (!active)
                {
                    continue;
                }

                var amount = p.Level * LogNormal(0.35) * (weekend ? 0.4m : 1m);
                if (p == target && day == day0)
                {
                    if (scenario == Scenario.Spike)
                    {
                        // A spike is a day far above this person's normal: its realized size is 5–10 times their
                        // level (the median weekday), drawn instead of the day's noise, not on top of it.
                        amount = p.Level * (5m + (decimal)(_random.NextDouble() * 5));
                    }
                    else if (scenario == Scenario.SpikeSmall)
                    {
                        // The harder variant (the bench's spike until 2026-11): the noisy day times 5–10, so a
                        // low draw leaves a day at only 2.5–3.5 times the level — inside ordinary weeks' range.
                        amount *= 5m + (decimal)(_random.NextDouble() * 5);
                    }
                }

                var hours = 3 + _random.Next(0, 6);
                var weights = Enumerable.Range(0, hours).Select(_ => 0.3 + _random.NextDouble()).ToArray();
                var first = 8 + _random.Next(0, 3);
                for (var h = 0; h < hours; h++)
                {
                    var share = amount * (decimal)(weights[h] / weights.Sum());
                    var opus = _random.NextDouble() >= 0.8;
                    // Calls follow the work: a big day is more calls, not pricier ones (about $0.08 a Sonnet call
                    // and $0.40 an Opus call of an agent with a full context, 25% noise per hour).
                    var perCall = (opus ? 0.40m : 0.08m) * LogNormal(0.25);
                    Add(At(day, first + h, _random.Next(0, 60)), share, Math.Max(1L, (long)(share / perCall)), opus ? "claude-opus-4-1" : "claude-sonnet-4-5", p.Person, p.Team, p.Project, $"{p.Team}-dev", null, "dev", "claude-code");
                }
            }

            foreach (var s in services)
            {
                for (var hour = 0; hour < 24; hour++)
                {
                    var rate = s.Hourly * (weekend ? 0.5m : 1m) * LogNormal(0.2);
                    var model = "claude-sonnet-4-5";
                    var perCall = 0.02m * LogNormal(0.05);
                    if (s == service && scenario == Scenario.Drift && day >= day0)
                    {
                        rate *= Math.Min(3m, 1m + (0.03m * (day.DayNumber - day0.DayNumber)));
                    }

                    if (s == service && scenario == Scenario.CostPerCall && day >= day0)
                    {
                        model = "claude-opus-4-1";
                        perCall *= 5m;
                        rate *= 5m;
                    }

                    var requests = Math.Max(1L, (long)(rate / perCall));
                    Add(At(day, hour, _random.Next(0, 60)), rate, requests, model, null, s.Team, s.Project, s.Key, s.Workflow, "prod", "service");
                }
            }

            if (scenario == Scenario.Runaway && day == day0)
            {
                // An agent in a loop: a few hundred dollars of calls inside one hour.
                var burn = 150m + (decimal)(_random.NextDouble() * 250);
                for (var i = 0; i < 60; i++)
                {
                    Add(At(day, runawayHour, i), burn / 60m, Math.Max(1L, (long)(burn / 60m / 0.40m)), "claude-opus-4-1", target.Person, target.Team, target.Project, $"{target.Team}-dev", null, "dev", "claude-code", session: "loop-session");
                }
            }

            if (scenario == Scenario.WrongEnv && day == day0)
            {
                // A developer's local run pointed at the production key.
                for (var i = 0; i < 3 + _random.Next(0, 10); i++)
                {
                    Add(At(day, 11, i), 0.05m, 1, "claude-sonnet-4-5", target.Person, target.Team, target.Project, service.Key, null, "dev", "claude-code");
                }
            }
        }

        Injected = scenario switch
        {
            Scenario.Steady => null,
            Scenario.Spike or Scenario.SpikeSmall => new Injected(scenario, Kinds(AnomalyKind.Spike, AnomalyKind.Runaway), Subjects($"person {target.Person}", $"team {target.Team}", $"project {target.Project}", $"key {target.Team}-dev"), Day(day0), Day(day0.AddDays(2))),
            Scenario.Drift => new Injected(scenario, Kinds(AnomalyKind.Drift, AnomalyKind.Spike), Subjects($"workflow {service.Workflow}", $"key {service.Key}", $"team {service.Team}", $"project {service.Project}"), Day(day0), Day(day0.AddDays(60))),
            Scenario.Runaway => new Injected(scenario, Kinds(AnomalyKind.Runaway, AnomalyKind.Spike), Subjects($"person {target.Person}", $"key {target.Team}-dev", $"team {target.Team}", $"project {target.Project}"), Day(day0), Day(day0.AddDays(2))),
            Scenario.WrongEnv => new Injected(scenario, Kinds(AnomalyKind.EnvMismatch), Subjects($"key {service.Key}"), Day(day0), Day(day0.AddDays(1))),
            Scenario.CostPerCall => new Injected(scenario, Kinds(AnomalyKind.CostPerCall, AnomalyKind.Spike, AnomalyKind.Drift), Subjects($"workflow {service.Workflow}", $"key {service.Key}", $"team {service.Team}", $"project {service.Project}"), Day(day0), Day(day0.AddDays(60))),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };
    }

    private void Add(DateTimeOffset at, decimal amount, long requests, string model, string? person, string team, string project, string key, string? workflow, string env, string tool, string? session = null)
    {
        _items.Add(new SpendItem
        {
            RecordId = "r" + (_next++).ToString(System.Globalization.CultureInfo.InvariantCulture),
            At = at,
            Model = model,
            Person = person,
            Team = team,
            Project = project,
            ApiKey = key,
            Workflow = workflow,
            Env = env,
            Tool = tool,
            SessionId = session,
            Requests = requests,
            Tokens = new TokenCounts(requests * 2000, requests * 300, 0, 0, 0),
            Amount = decimal.Round(amount, 6),
        });
    }

    private decimal LogNormal(double sigma)
    {
        // Box–Muller: a standard normal from two uniforms.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return (decimal)Math.Exp(sigma * z);
    }

    private static DateTimeOffset Day(DateOnly day) => At(day, 0);

    private static HashSet<AnomalyKind> Kinds(params AnomalyKind[] kinds) => [.. kinds];

    private static HashSet<string> Subjects(params string[] subjects) => new(subjects, StringComparer.Ordinal);
}
