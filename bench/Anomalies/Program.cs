using System.Diagnostics;
using System.Globalization;
using Receipts.Bench.Anomalies;
using Receipts.Domain.Anomalies;

// Precision and recall of the anomaly checks over many seeds: each scenario injects one known anomaly into
// 120 days of steady synthetic spend; "steady" injects none. Usage: receipts-bench-anomalies [seeds] [first-seed]
var seeds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
var firstSeed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;

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
var missedSeeds = new List<string>();
foreach (var scenario in streamOnly ? [] : only ?? [.. Enum.GetValues<Scenario>()])
{
    int found = 0, alerts = 0, truePositive = 0, falsePositive = 0;
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
            if (scenario == Scenario.Spike && missed.Subjects.FirstOrDefault(s => s.StartsWith("person ", StringComparison.Ordinal)) is { } subject)
            {
                // Diagnostics: the injected day against the person's median active weekday and log spread (56 days).
                var person = subject["person ".Length..];
                var daily = spend.Items.Where(i => i.Person == person).GroupBy(i => DateOnly.FromDateTime(i.At.UtcDateTime)).ToDictionary(g => g.Key, g => g.Sum(i => i.Amount ?? 0m));
                var day = DateOnly.FromDateTime(missed.From.UtcDateTime);
                var before = Enumerable.Range(1, 56).Select(i => day.AddDays(-i)).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && daily.ContainsKey(d))
                    .Select(d => Math.Log((double)daily[d])).Order().ToList();
                var median = before[before.Count / 2];
                var sigma = 1.4826 * before.Select(l => Math.Abs(l - median)).Order().ElementAt(before.Count / 2);
                var observed = Math.Log((double)daily[day]);
                why = $"; {subject} ×{Math.Exp(observed - median):0.0} its median weekday, {(observed - median) / sigma:0.0} σ (σ {sigma:0.00})";
            }

            missedSeeds.Add($"{scenario} seed {seed}: nothing from {missed.From:yyyy-MM-dd} (day {missed.From.Date.Subtract(SyntheticSpend.Start.ToDateTime(TimeOnly.MinValue)).Days} of {spend.Days}){why}");
        }

        foreach (var a in anomalies.Except(explained).Take(2))
        {
            if (falseExamples.Count < 12)
            {
                falseExamples.Add($"{scenario} seed {seed}: {a.Kind} {a.Subject} {a.At:yyyy-MM-dd HH}h — {a.Description}");
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
}

if (!streamOnly && only is null)
{
Console.WriteLine($"| **all** | {seeds * Enum.GetValues<Scenario>().Length} | {allFound}/{allInjected} ({100.0 * allFound / allInjected:0}%) | {allTrue + allFalse} | {allTrue} | {allFalse} | {100.0 * allTrue / Math.Max(1, allTrue + allFalse):0.0}% | {(double)allFalse / (seeds * Enum.GetValues<Scenario>().Length):0.00} |");
}

Console.WriteLine();

if (only is not null)
{
    Console.WriteLine($"elapsed {clock.Elapsed.TotalSeconds:0.0} s");
    foreach (var example in falseExamples.Concat(missedSeeds))
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
