namespace Receipts.Bench.CorpusGen;

/// <summary>What to generate and where.</summary>
/// <param name="OutDirectory">The Claude Code config dir to write; transcripts go under <c>projects/</c>.</param>
/// <param name="TargetBytes">Approximate total size of the transcripts.</param>
/// <param name="Seed">Every random choice derives from it, so one seed gives one corpus.</param>
/// <param name="FirstDay">The first UTC day sessions may start on.</param>
/// <param name="Days">How many days the corpus spans.</param>
internal sealed record GeneratorOptions(string OutDirectory, long TargetBytes, int Seed, DateOnly FirstDay, int Days);
