using System.Text.Json;
using Receipts.Domain.Outcomes;
using Receipts.Domain.Storage;

namespace Receipts.Sources.Git;

/// <summary>
/// Imports a branch's first-parent history as changes, in one streaming <c>git log</c> and one store
/// write (all or nothing). The cursor (last imported first-parent sha per repo and branch) makes a
/// second import read only the new commits; when the cursor is no longer an ancestor of the branch
/// (a force push), the whole history is read again and the result says so; the changes of the old history
/// that are on neither the rewritten branch nor another imported branch of the repository are deleted from
/// the store (a commit pushed away was never merged: it is not kept as a change, nor marked).
/// </summary>
public sealed class GitImporter(IOutcomeStore store, string gitBinary = "git")
{
    public const string CursorSource = "git";

    public async Task<GitImportResult> ImportAsync(string repositoryPath, string? branch, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repositoryPath);
        var repository = await GitRepository.OpenAsync(repositoryPath, gitBinary, cancellationToken);
        var (branchName, reference) = await repository.ResolveBranchAsync(branch, cancellationToken);
        var head = await repository.ResolveCommitAsync(reference, cancellationToken);
        var cursorKey = repository.Name + "@" + branchName;

        var cursors = await store.GetCursorsAsync(CursorSource, cancellationToken);
        var previous = cursors.TryGetValue(cursorKey, out var cursor) ? ReadCursor(cursor.State) : null;
        if (previous is not null && string.Equals(previous, head, StringComparison.OrdinalIgnoreCase))
        {
            return new GitImportResult(repository.Name, branchName, head, 0, Incremental: true, HistoryRewritten: false, Malformed: 0);
        }

        var incremental = previous is not null && await repository.IsAncestorAsync(previous, head, cancellationToken);
        var rewritten = previous is not null && !incremental;
        var range = incremental ? previous + ".." + head : head;

        var parser = new GitLogParser();

        // Changes are built as the log streams (newest first), while git is still producing output.
        var changes = new List<Change>();
        await repository.Git.StreamAsync(
            [
                "log", "--first-parent", "--diff-merges=first-parent", "-M", "--name-status", "-z", "--no-color",
                "--no-ext-diff", "--decorate-refs=refs/tags/", "--format=" + GitLogParser.Format, "--end-of-options", range,
            ],
            async stdout =>
            {
                await foreach (var commit in parser.ReadAsync(stdout, cancellationToken))
                {
                    changes.Add(GitChangeBuilder.Build(commit, repository.Name));
                    if (changes.Count % 1000 == 0)
                    {
                        progress?.Report(changes.Count);
                    }
                }
            },
            cancellationToken);
        progress?.Report(changes.Count);

        // git log prints newest first; ids are handed out oldest first so the first change to carry a
        // PR number keeps "#N" and a later commit reusing it (a cherry-pick, a copied title) keeps its sha.
        changes.Reverse();
        var taken = incremental && changes.Count > 0
            ? (await store.ReadChangesAsync(new ChangeFilter { Repo = repository.Name }, cancellationToken))
                .ToDictionary(c => c.Id, c => c.Sha, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            if (taken.TryGetValue(change.Id, out var owner) && !string.Equals(owner, change.Sha, StringComparison.OrdinalIgnoreCase))
            {
                changes[i] = change = change with { Id = change.Sha };
            }

            taken[change.Id] = change.Sha;
        }

        // Deleted before the write: if the write then fails, the cursor still names the old history, so the
        // next import sees the rewrite again, reads everything and writes it (nothing is lost for good).
        var removed = rewritten ? await RemoveGoneAsync(repository, cursorKey, cursors, changes, cancellationToken) : 0;

        var state = JsonSerializer.Serialize(new Dictionary<string, string> { ["sha"] = head, ["ref"] = reference });
        await store.WriteChangesAsync(changes, [new SourceCursor(CursorSource, cursorKey, state)], cancellationToken);
        return new GitImportResult(repository.Name, branchName, head, changes.Count, incremental, rewritten, parser.Malformed) { Removed = removed };
    }

    /// <summary>
    /// Deletes the stored git changes of the repository whose commit is neither in the rewritten history just read
    /// nor on the first-parent history of another branch imported from the same repository; returns how many.
    /// </summary>
    private async Task<int> RemoveGoneAsync(GitRepository repository, string cursorKey, IReadOnlyDictionary<string, SourceCursor> cursors, List<Change> changes, CancellationToken cancellationToken)
    {
        var current = new HashSet<string>(changes.Select(c => c.Sha), StringComparer.OrdinalIgnoreCase);
        var candidates = (await store.ReadChangesAsync(new ChangeFilter { Repo = repository.Name }, cancellationToken))
            .Where(c => string.Equals(c.Source, GitChangeBuilder.Source, StringComparison.Ordinal) && !current.Contains(c.Sha))
            .ToList();
        if (candidates.Count == 0)
        {
            return 0;
        }

        var otherHeads = cursors
            .Where(c => c.Key.StartsWith(repository.Name + "@", StringComparison.Ordinal) && !string.Equals(c.Key, cursorKey, StringComparison.Ordinal))
            .Select(c => ReadCursor(c.Value.State))
            .OfType<string>()
            .ToList();
        var elsewhere = await repository.FirstParentShasAsync(otherHeads, cancellationToken);
        var gone = candidates.Where(c => !elsewhere.Contains(c.Sha)).Select(c => c.Id).ToList();
        return gone.Count == 0 ? 0 : await store.DeleteChangesAsync(repository.Name, GitChangeBuilder.Source, gone, cancellationToken);
    }

    private static string? ReadCursor(string state)
    {
        try
        {
            using var document = JsonDocument.Parse(state);
            return document.RootElement.TryGetProperty("sha", out var sha) ? sha.GetString() : null;
        }
        catch (JsonException)
        {
            // An unreadable cursor means "read everything again": safe because writes are idempotent.
            return null;
        }
    }
}
