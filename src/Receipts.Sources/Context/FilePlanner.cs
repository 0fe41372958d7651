using System.IO.Enumeration;
using Microsoft.Win32.SafeHandles;
using Receipts.Domain.Storage;

namespace Receipts.Sources.Context;

/// <summary>Decides, per file, where reading resumes: after the cursor, or from 0 for a file truncated or rewritten since.</summary>
internal static class FilePlanner
{
    /// <summary>
    /// Plans every file; unchanged files come back with zero bytes to read. Files that vanished or cannot be
    /// opened are left out (their records stay imported).
    /// </summary>
    public static List<FilePlan> Plan(
        IEnumerable<string> files,
        IReadOnlyDictionary<string, SourceCursor> cursors,
        Func<string, FilePosition?> positionOf)
    {
        var plans = new List<FilePlan>();
        foreach (var path in files)
        {
            try
            {
                using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                var length = RandomAccess.GetLength(handle);
                var state = cursors.TryGetValue(path, out var cursor) ? cursor.State : null;
                var previous = state is null ? null : positionOf(state);
                var change = FileFingerprint.Compare(handle, length, previous);
                plans.Add(change switch
                {
                    FileChange.Appended or FileChange.Unchanged => new FilePlan(path, previous!.Offset, previous.Line, length, change, state),
                    _ => new FilePlan(path, 0, 0, length, change, null),
                });
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Deleted between listing and opening, or unreadable: nothing to read now.
            }
        }

        return plans;
    }

    /// <summary>Splits the plans into <paramref name="workers"/> lists of about equal bytes (largest first).</summary>
    public static List<List<FilePlan>> Partition(IEnumerable<FilePlan> plans, int workers)
    {
        var lists = Enumerable.Range(0, Math.Max(1, workers)).Select(_ => new List<FilePlan>()).ToList();
        var loads = new long[lists.Count];
        foreach (var plan in plans.OrderByDescending(p => p.Bytes).ThenBy(p => p.Path, StringComparer.Ordinal))
        {
            var least = Array.IndexOf(loads, loads.Min());
            lists[least].Add(plan);
            loads[least] += plan.Bytes;
        }

        return lists;
    }

    /// <summary>Every <c>*.jsonl</c> under <paramref name="directory"/>, recursively, skipping folders it may not read.</summary>
    public static IEnumerable<string> JsonlFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*.jsonl", new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            MatchCasing = MatchCasing.CaseSensitive,
        });

    /// <summary>
    /// Every <c>*.jsonl</c> under <paramref name="directory"/> as <see cref="JsonlFiles"/> lists them, each with its length
    /// from the listing (one <c>stat</c>, no open); -1 for a symbolic link, whose own length is not its file's.
    /// </summary>
    public static IEnumerable<(string Path, long Length)> JsonlFilesWithLengths(string directory) =>
        new FileSystemEnumerable<(string, long)>(
            directory,
            (ref FileSystemEntry entry) => (entry.ToFullPath(), (entry.Attributes & FileAttributes.ReparsePoint) != 0 ? -1 : entry.Length),
            new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory && entry.FileName.EndsWith(".jsonl", StringComparison.Ordinal),
        };

    /// <summary>
    /// Plans files no cursor knows (nothing was read of them yet): from the start to the length the listing gave, opening
    /// only the files it gave none for. Like <see cref="Plan"/> with no cursors, but without opening every file first.
    /// </summary>
    public static List<FilePlan> PlanUnread(IEnumerable<(string Path, long Length)> files)
    {
        var none = new Dictionary<string, SourceCursor>(StringComparer.Ordinal);
        var plans = new List<FilePlan>();
        foreach (var (path, length) in files)
        {
            if (length >= 0)
            {
                plans.Add(new FilePlan(path, 0, 0, length, FileChange.New, null));
            }
            else
            {
                plans.AddRange(Plan([path], none, _ => null));
            }
        }

        return plans;
    }

    public static SafeFileHandle Open(string path) =>
        File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
}
