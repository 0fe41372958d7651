using Receipts.Sources.ClaudeCode;
using Receipts.Sources.Context;
using Receipts.Sources.Git;
using Receipts.Storage.DuckDb;

namespace Receipts.Cli.Demo;

/// <summary>
/// Builds the demo company on disk and imports it the way a user would: every repository with the git
/// importer, the transcripts with the Claude Code importer, the tracker's reopened tickets as facts.
/// </summary>
internal static class DemoRunner
{
    public sealed record Summary(DemoManifest Manifest, string StorePath, int Changes, int Records);

    public static async Task<Summary> RunAsync(string directory, string storePath, DateTimeOffset now, int seed, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (File.Exists(storePath))
        {
            File.Delete(storePath);
            File.Delete(storePath + ".wal");
        }

        progress?.Report("Writing git repositories and agent transcripts…");
        var manifest = await DemoCompany.GenerateAsync(directory, now, seed, cancellationToken);
        await using var store = await DuckDbStore.OpenAsync(storePath, TimeProvider.System, cancellationToken);
        var changes = 0;
        foreach (var (path, project) in manifest.Repos)
        {
            progress?.Report($"Importing git history of {project}…");
            var result = await new GitImporter(store).ImportAsync(path, "main", null, cancellationToken);
            changes += result.Changes;
        }

        progress?.Report("Importing Claude Code transcripts…");
        var records = 0;
        foreach (var laptop in Directory.GetDirectories(manifest.ClaudeRoot).Order(StringComparer.Ordinal))
        {
            // As each developer would on their own machine: their transcripts, their user name.
            var options = new UsageImportOptions { MachineUser = Path.GetFileName(laptop) };
            var summary = await new ClaudeCodeImporter(store, options).ImportAsync([Path.Combine(laptop, "projects")], null, cancellationToken);
            records += summary.Records;
        }

        await store.WriteTicketEventsAsync(manifest.TicketEvents, [], cancellationToken);
        return new Summary(manifest, storePath, changes, records);
    }
}
