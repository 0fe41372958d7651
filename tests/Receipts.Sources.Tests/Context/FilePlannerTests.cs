using Receipts.Domain.Storage;
using Receipts.Sources.Context;

namespace Receipts.Sources.Tests.Context;

public sealed class FilePlannerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "receipts-sources-tests", "planner-" + Guid.NewGuid().ToString("n"));

    public FilePlannerTests()
    {
        Write("p1/a.jsonl", 10);
        Write("p1/s/subagents/agent-1.jsonl", 7);
        Write("p2/b.jsonl", 0);
        Write("p2/c.JSONL", 5);                 // not *.jsonl (case-sensitive)
        Write("p2/notes.txt", 5);
        Write("p2/.hidden.jsonl", 5);           // hidden, as Directory.EnumerateFiles skips it
        Write(".cache/d.jsonl", 5);             // in a hidden folder
        Write("target.bin", 1234);
        File.CreateSymbolicLink(Path.Combine(_root, "p2", "linked.jsonl"), Path.Combine(_root, "target.bin"));
    }

    private void Write(string relative, int bytes)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[bytes]);
    }

    [Fact]
    public void TheListingWithLengths_NamesTheSameFilesAsTheListing_WithTheirLengths_AndNoneForALink()
    {
        var withLengths = FilePlanner.JsonlFilesWithLengths(_root).ToList();

        withLengths.Select(f => f.Path).Order(StringComparer.Ordinal)
            .ShouldBe(FilePlanner.JsonlFiles(_root).Order(StringComparer.Ordinal));
        withLengths.Select(f => $"{Path.GetRelativePath(_root, f.Path)}={f.Length}").Order(StringComparer.Ordinal)
            .ShouldBe(["p1/a.jsonl=10", "p1/s/subagents/agent-1.jsonl=7", "p2/b.jsonl=0", "p2/linked.jsonl=-1"]);
    }

    [Fact]
    public void PlansForUnreadFiles_AreThoseOfAPlanWithoutCursors()
    {
        var listed = FilePlanner.JsonlFilesWithLengths(_root).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        var none = new Dictionary<string, SourceCursor>(StringComparer.Ordinal);

        var unread = FilePlanner.PlanUnread(listed);

        unread.ShouldBe(FilePlanner.Plan(listed.Select(f => f.Path), none, _ => null));
        unread.Single(p => p.Path.EndsWith("linked.jsonl", StringComparison.Ordinal)).End.ShouldBe(1234, "a link is planned by its file's length");
        unread.ShouldAllBe(p => p.Start == 0 && p.StartLine == 0 && p.Change == FileChange.New && p.Previous == null);
    }

    [Fact]
    public void AFileGoneSinceTheListing_IsLeftOutOnlyWhenItHadToBeOpened()
    {
        var link = Path.Combine(_root, "p2", "linked.jsonl");
        var listed = new List<(string Path, long Length)> { (Path.Combine(_root, "p1", "a.jsonl"), 10), (link, -1) };
        File.Delete(Path.Combine(_root, "target.bin"));

        FilePlanner.PlanUnread(listed).Select(p => p.Path).ShouldBe([Path.Combine(_root, "p1", "a.jsonl")]);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
