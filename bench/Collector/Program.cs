using Receipts.Bench.Collector;

var options = BenchOptions.Parse(args);
Console.WriteLine($"collector bench: {options.Records} records in batches of {options.BatchSize}, {options.Clients} clients, at most {options.MaxDuration.TotalSeconds:0} s per store, {Environment.ProcessorCount} cores, mix {options.Mix}");
foreach (var store in options.Stores)
{
    var result = await CollectorRun.RunAsync(store, options, CancellationToken.None);
    Console.WriteLine(result);
}
