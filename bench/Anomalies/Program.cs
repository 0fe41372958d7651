using System.Diagnostics;
using System.Globalization;
using Receipts.Bench.Anomalies;
using Receipts.Domain.Anomalies;

// Precision and recall of the anomaly checks over many seeds: each scenario injects one known anomaly into
// 120 days of steady synthetic spend; "steady" injects none. Usage: receipts-bench-anomalies [seeds] [first-seed]
var seeds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
var firstSeed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;

// A third argument "dump" writes the spike diagnostics of every steady developer-day and injected spike day as CSV.
if (args.Length > 2 && args[2] == "dump")
{
    SpikeDump.Write(firstSeed, seeds, Console.Out);
    return;
}

// "runaway-dump": the same for every developer-hour of $50 or more of steady runs and every injected runaway hour.
if (args.Length > 2 && args[2] == "runaway-dump")
{
    RunawayDump.Write(firstSeed, seeds, Console.Out);
    return;
}

// A third argument "scores" prints the spike check's score of every developer-day of steady runs (the largest) and
// of every injected spike day (the smallest): how far apart ordinary days and spikes are, whatever the bar.
if (args.Length > 2 && args[2] == "scores")
{
    var open = AnomalyOptions.Default with { SpikeZ = 0m, SpikeMinRatio = 0m, MinDailyExcess = 0.01m };
    var steadyScores = new List<(decimal Score, decimal Ratio, decimal OfLevel, string Where)>();
    var spikeScores = new List<(decimal Score, decimal Ratio, decimal OfLevel, string Where)>();
    for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
    {
        foreach (var scenario in new[] { Scenario.Steady, Scenario.Spike })
        {
            var spend = SyntheticSpend.Generate(seed, scenario);
            foreach (var (person, level) in spend.Levels)
            {
                var history = new SpendHistory(spend.Items.Where(i => i.Person == person), TimeZoneInfo.Utc);
                var label = "person " + person;
                for (var offset = 30; offset < spend.Days; offset++)
                {
                    var day = SyntheticSpend.Start.AddDays(offset);
                    var isSpike = spend.Injected is { } inj && inj.Subjects.Contains(label) && day == DateOnly.FromDateTime(inj.From.UtcDateTime);
                    if (scenario == Scenario.Spike && !isSpike)
                    {
                        continue;
                    }

                    var a = DailyDetector.Detect(history, day, open).FirstOrDefault(x => x.Kind == AnomalyKind.Spike && x.Subject == label);
                    var score = a?.Score ?? -99m;
                    (decimal, decimal, decimal, string) entry = (score, a is null ? 0m : a.Observed / a.Baseline, a is null ? 0m : a.Observed / level, $"seed {seed} {person} {day:yyyy-MM-dd}");
                    (isSpike ? spikeScores : steadyScores).Add(entry);
                }
            }
        }
    }

    // Every bar on the score at once: steady developer-days at or over it (false alerts) and spike days under it (misses).
    Console.WriteLine("z bar: " + string.Join("  ", Enumerable.Range(35, 26).Select(t => t / 10m)
        .Select(t => $"{t:0.0}:{steadyScores.Count(e => e.Score >= t)}/{spikeScores.Count(e => e.Score < t)}")));
    // The default rule is two bars: the z above and a ratio to the level. Every ratio bar at once, with the day also at
    // or over the default z: steady developer-days that would pass both (false alerts) and spike days that would not (misses).
    var z = AnomalyOptions.Default.SpikeZ;
    Console.WriteLine($"ratio bar (and ≥ {z:0.0}σ): " + string.Join("  ", Enumerable.Range(30, 21).Select(r => r / 10m)
        .Select(r => $"×{r:0.0}:{steadyScores.Count(e => e.Score >= z && e.Ratio >= r)}/{spikeScores.Count(e => e.Score < z || e.Ratio < r)}")));
    Console.WriteLine("steady, largest scores:");
    foreach (var e in steadyScores.OrderByDescending(e => e.Score).Take(15))
    {
        Console.WriteLine($"  {e.Score,5:0.0} σ  ×{e.Ratio:0.00} the level read  ×{e.OfLevel:0.00} the true level  {e.Where}");
    }

    Console.WriteLine("spike days, smallest scores:");
    foreach (var e in spikeScores.OrderBy(e => e.Score).Take(15))
    {
        Console.WriteLine($"  {e.Score,5:0.0} σ  ×{e.Ratio:0.00} the level read  ×{e.OfLevel:0.00} the true level  {e.Where}");
    }

    Console.WriteLine($"steady, largest ratios to the level read (at or over {z:0.0}σ):");
    foreach (var e in steadyScores.Where(e => e.Score >= z).OrderByDescending(e => e.Ratio).Take(10))
    {
        Console.WriteLine($"  {e.Score,5:0.0} σ  ×{e.Ratio:0.00} the level read  ×{e.OfLevel:0.00} the true level  {e.Where}");
    }

    Console.WriteLine("spike days, smallest ratios to the level read:");
    foreach (var e in spikeScores.OrderBy(e => e.Ratio).Take(10))
    {
        Console.WriteLine($"  {e.Score,5:0.0} σ  ×{e.Ratio:0.00} the level read  ×{e.OfLevel:0.00} the true level  {e.Where}");
    }

    return;
}

// A third argument "stream" skips the daily/hourly replay and runs only the live runaway watch and the weekly test.
// Or a comma list of scenarios (e.g. "Steady,Spike,Drift") to replay only those daily scenarios, without the stream table.
var streamOnly = args.Length > 2 && args[2] == "stream";
var only = args.Length > 2 && !streamOnly ? args[2].Split(',').Select(Enum.Parse<Scenario>).ToList() : null;
var options = AnomalyOptions.Default;
var clock = Stopwatch.StartNew();
Console.WriteLine($"seeds {firstSeed}..{firstSeed + seeds - 1}, 120 days each, default thresholds");
Console.WriteLine();
Console.WriteLine("| scenario | runs | found (recall) | alerts | true | false | precision | false alerts per run |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
int allTrue = 0, allFalse = 0, allFound = 0, allInjected = 0;
var falseExamples = new List<string>();
var wrongDrivers = new List<string>();
var driverLines = new List<string>();
var missedSeeds = new List<string>();
foreach (var scenario in streamOnly ? [] : only ?? [.. Enum.GetValues<Scenario>()])
{
    int found = 0, alerts = 0, truePositive = 0, falsePositive = 0, rollups = 0, namedDriver = 0;
    var otherDrivers = new SortedDictionary<string, int>(StringComparer.Ordinal);
    for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
    {
        var spend = SyntheticSpend.Generate(seed, scenario);
        var anomalies = Evaluation.Replay(spend, options);
        alerts += anomalies.Count;
        var explained = anomalies.Where(a => spend.Injected?.Explains(a) == true).ToList();
        truePositive += explained.Count;
        falsePositive += anomalies.Count - explained.Count;
        found += explained.Count > 0 ? 1 : 0;
        if (explained.Count == 0 && spend.Injected is { } missed)
        {
            var why = string.Empty;
            if (scenario is Scenario.Spike or Scenario.SpikeSmall && missed.Subjects.FirstOrDefault(s => s.StartsWith("person ", StringComparison.Ordinal)) is { } subject)
            {
                // Diagnostics: the injected day against the person's level (the generator's, which no detector
                // knows) and against their median active weekday and log spread over the 56 days before.
                var person = subject["person ".Length..];
                var daily = spend.Items.Where(i => i.Person == person).GroupBy(i => DateOnly.FromDateTime(i.At.UtcDateTime)).ToDictionary(g => g.Key, g => g.Sum(i => i.Amount ?? 0m));
                var day = DateOnly.FromDateTime(missed.From.UtcDateTime);
                var before = Enumerable.Range(1, 56).Select(i => day.AddDays(-i)).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && daily.ContainsKey(d))
                    .Select(d => Math.Log((double)daily[d])).Order().ToList();
                var median = before[before.Count / 2];
                var sigma = 1.4826 * before.Select(l => Math.Abs(l - median)).Order().ElementAt(before.Count / 2);
                var observed = Math.Log((double)daily[day]);
                why = $"; {subject} ×{daily[day] / spend.Levels[person]:0.0} its level, ×{Math.Exp(observed - median):0.0} its median weekday, {(observed - median) / sigma:0.0} σ (σ {sigma:0.00})";
            }

            if (scenario == Scenario.Runaway && missed.Subjects.FirstOrDefault(s => s.StartsWith("person ", StringComparison.Ordinal)) is { } runner)
            {
                // Diagnostics: the runaway hour against the person's ordinary hours of the 28 days before.
                var person = runner["person ".Length..];
                var hours = spend.Items.Where(i => i.Person == person).GroupBy(i => SpendHistory.HourOf(i.At)).ToDictionary(g => g.Key, g => g.Sum(i => i.Amount ?? 0m));
                var burnHour = hours.Where(h => h.Key >= missed.From && h.Key < missed.From.AddDays(1)).MaxBy(h => h.Value);
                var before = hours.Where(h => h.Key >= missed.From.AddDays(-28) && h.Key < missed.From).Select(h => h.Value).ToList();
                why = $"; {runner} (level ${spend.Levels[person]:0}/day): ${burnHour.Value:0} in the hour, {burnHour.Value / RobustStats.Quantile(before, 0.95m):0.0}× its 95th-percentile hour and {burnHour.Value / RobustStats.Median(before):0.0}× its median hour, its largest ordinary hour of the 28 days before ${before.Max():0}";
            }

            missedSeeds.Add($"{scenario} seed {seed}: nothing from {missed.From:yyyy-MM-dd} (day {missed.From.Date.Subtract(SyntheticSpend.Start.ToDateTime(TimeOnly.MinValue)).Days} of {spend.Days}){why}");
        }

        // Drivers: a true alert on a roll-up (team, project, key) of an injected developer should name that developer.
        if (spend.Injected?.Subjects.FirstOrDefault(s => s.StartsWith("person ", StringComparison.Ordinal)) is { } injectedPerson)
        {
            foreach (var a in explained.Where(a => !a.Subject.StartsWith("person ", StringComparison.Ordinal)))
            {
                rollups++;
                if (a.Driver?.Contains(injectedPerson, StringComparison.Ordinal) == true)
                {
                    namedDriver++;
                }
                else
                {
                    var named = a.Driver is null ? "none" : string.Join(' ', a.Driver.Split(' ').Take(2));
                    otherDrivers[named] = otherDrivers.GetValueOrDefault(named) + 1;
                    if (wrongDrivers.Count < 10)
                    {
                        wrongDrivers.Add($"{scenario} seed {seed}: {a.Kind} {a.Subject}: driver {a.Driver ?? "none"} (injected {injectedPerson})");
                    }
                }
            }
        }

        foreach (var a in anomalies.Except(explained).Take(only is null ? 2 : 10))
        {
            if (falseExamples.Count < (only is null ? 12 : 100))
            {
                // A person's false alert also says how far the day was from their level (the generator's truth).
                var level = a.Subject.StartsWith("person ", StringComparison.Ordinal) && a.Kind == AnomalyKind.Spike && spend.Levels.TryGetValue(a.Subject["person ".Length..], out var l)
                    ? $" [×{a.Observed / l:0.0} the level]"
                    : string.Empty;
                falseExamples.Add($"{scenario} seed {seed}: {a.Kind} {a.Subject} {a.At:yyyy-MM-dd HH}h — {a.Description}{level}");
            }
        }
    }

    var injected = scenario == Scenario.Steady ? 0 : seeds;
    allTrue += truePositive;
    allFalse += falsePositive;
    allFound += found;
    allInjected += injected;
    var recall = injected == 0 ? "–" : $"{found}/{injected} ({100.0 * found / injected:0}%)";
    var precision = alerts == 0 ? "–" : $"{100.0 * truePositive / alerts:0.0}%";
    Console.WriteLine($"| {scenario} | {seeds} | {recall} | {alerts} | {truePositive} | {falsePositive} | {precision} | {(double)falsePositive / seeds:0.00} |");
    if (rollups > 0)
    {
        driverLines.Add($"{scenario}: {namedDriver} of {rollups} true alerts on a team, project or key name the injected developer as the driver"
            + (otherDrivers.Count == 0 ? string.Empty : "; the others: " + string.Join(", ", otherDrivers.Select(kv => $"{kv.Key} {kv.Value}"))));
    }
}

if (!streamOnly && only is null)
{
Console.WriteLine($"| **all** | {seeds * Enum.GetValues<Scenario>().Length} | {allFound}/{allInjected} ({100.0 * allFound / allInjected:0}%) | {allTrue + allFalse} | {allTrue} | {allFalse} | {100.0 * allTrue / Math.Max(1, allTrue + allFalse):0.0}% | {(double)allFalse / (seeds * Enum.GetValues<Scenario>().Length):0.00} |");
}

Console.WriteLine();

if (only is not null)
{
    if (only.Contains(Scenario.Steady))
    {
        // How far ordinary noise alone reaches: each developer's checked weekdays against their level (the
        // generator's truth, which even an oracle detector could not beat) — the floor under any spike definition.
        var ratios = new List<(decimal Ratio, int Seed, string Person)>();
        for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
        {
            var spend = SyntheticSpend.Generate(seed, Scenario.Steady);
            foreach (var g in spend.Items.Where(i => i.Person is not null && i.At >= SyntheticSpend.At(SyntheticSpend.Start.AddDays(30), 0)
                && i.At.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).GroupBy(i => (i.Person!, DateOnly.FromDateTime(i.At.UtcDateTime))))
            {
                ratios.Add((g.Sum(i => i.Amount ?? 0m) / spend.Levels[g.Key.Item1], seed, g.Key.Item1));
            }
        }

        var top = ratios.MaxBy(r => r.Ratio);
        Console.WriteLine($"steady developer weekdays checked: {ratios.Count:#,0}; largest ×{top.Ratio:0.00} the level (seed {top.Seed}, {top.Person}); "
            + string.Join(", ", Enumerable.Range(6, 5).Select(half => half / 2m).Select(t => $"≥ ×{t}: {ratios.Count(r => r.Ratio >= t)}")));
    }

    Console.WriteLine($"elapsed {clock.Elapsed.TotalSeconds:0.0} s");
    foreach (var example in driverLines.Concat(wrongDrivers).Concat(falseExamples).Concat(missedSeeds))
    {
        Console.WriteLine("- " + example);
    }

    return;
}

// The live runaway watch (collector stream) and the weekly report's cost-per-call test, on the same runs.
Console.WriteLine("| detector | scenario | runs | found (recall) | alerts | true | false | precision | false alerts per run |");
Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var (name, replay, target) in new (string, Func<SyntheticSpend, AnomalyOptions, IReadOnlyList<Anomaly>>, Scenario)[]
{
    ("live runaway", Evaluation.ReplayLive, Scenario.Runaway),
    ("weekly cost per call", Evaluation.ReplayWeekly, Scenario.CostPerCall),
})
{
    int found = 0, alerts = 0, truePositive = 0, falseAll = 0, runsAll = 0;
    var falseBy = new SortedDictionary<string, int>(StringComparer.Ordinal);
    foreach (var scenario in Enum.GetValues<Scenario>())
    {
        for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
        {
            var spend = SyntheticSpend.Generate(seed, scenario);
            var anomalies = replay(spend, options);
            // An alert any injected anomaly explains is true (a runaway alert on a spike day is right), else false.
            var explained = anomalies.Where(a => spend.Injected?.Explains(a) == true).ToList();
            runsAll++;
            falseAll += anomalies.Count - explained.Count;
            if (anomalies.Count > explained.Count)
            {
                falseBy[scenario.ToString()] = falseBy.GetValueOrDefault(scenario.ToString()) + anomalies.Count - explained.Count;
            }

            if (scenario == target)
            {
                alerts += anomalies.Count;
                truePositive += explained.Count;
                found += explained.Count > 0 ? 1 : 0;
            }
        }
    }

    Console.WriteLine($"| {name} | {target} | {seeds} | {found}/{seeds} ({100.0 * found / seeds:0}%) | {alerts} | {truePositive} | {alerts - truePositive} | {(alerts == 0 ? "–" : $"{100.0 * truePositive / alerts:0.0}%")} | {(double)falseAll / runsAll:0.00} (all {runsAll} runs{(falseBy.Count == 0 ? string.Empty : ": " + string.Join(", ", falseBy.Select(kv => $"{kv.Value} in {kv.Key}")))}) |");
}

Console.WriteLine();
Console.WriteLine($"elapsed {clock.Elapsed.TotalSeconds:0.0} s");
if (falseExamples.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine("false alerts (first few):");
    foreach (var example in falseExamples)
    {
        Console.WriteLine("- " + example);
    }
}
