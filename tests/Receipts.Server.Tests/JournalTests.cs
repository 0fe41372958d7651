using System.Reflection;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Server.Ingest;
using Receipts.Server.Ingest.Journal;
using Receipts.Storage.DuckDb;

namespace Receipts.Server.Tests;

/// <summary>
/// The collector's journal: a batch whose commit is held up (a DuckDB checkpoint) is answered once it is durable in
/// the journal, the store applies it behind, and a collector killed before the store caught up applies exactly the
/// answered batches the store lacks when it starts again.
/// </summary>
public sealed class JournalTests : IAsyncLifetime
{
    private static readonly TimeSpan AckAfter = TimeSpan.FromMilliseconds(20);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "receipts-tests", Guid.NewGuid().ToString("n"));
    private DuckDbStore _store = null!;

    private string StorePath => Path.Combine(_directory, "r.duckdb");

    private string JournalDirectory => IngestJournal.DirectoryFor(StorePath);

    public async Task InitializeAsync() => _store = await DuckDbStore.OpenAsync(StorePath, TimeProvider.System, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task HeldCommit_BatchesAreAnsweredFromTheJournal_ThenAppliedBehind_AndTheJournalEmpties()
    {
        var (journal, _) = await IngestJournal.OpenAsync(JournalDirectory, _store, CancellationToken.None);
        using var _ = journal;
        var held = HeldStore.Wrap(_store);
        HeldStore.Of(held).Hold();
        await using var committer = new GroupCommitter(held, group: true, journal, AckAfter);

        var writes = await Task.WhenAll(Enumerable.Range(0, 5).Select(b => Task.Run(() => committer.WriteAsync(Batch(b, 50), [Cursor(b)], CancellationToken.None))))
            .WaitAsync(TimeSpan.FromSeconds(30));

        writes.ShouldAllBe(w => w.Applied != null && w.Counts == null, "answered before the store committed");
        (await _store.CountUsageAsync(CancellationToken.None)).ShouldBe(0);
        Segments().ShouldNotBeEmpty();

        HeldStore.Of(held).Release();
        var applied = await Task.WhenAll(writes.Select(w => w.Applied!)).WaitAsync(TimeSpan.FromSeconds(30));

        applied.ShouldAllBe(a => a.AllNew);
        (await _store.CountUsageAsync(CancellationToken.None)).ShouldBe(5 * 50);
        (await _store.GetCursorsAsync("otlp", CancellationToken.None)).Count.ShouldBe(5);
        Segments().ShouldBeEmpty("everything the journal held is in the store");
    }

    [Fact]
    public async Task FastCommit_IsAnsweredByTheStore_WithItsCounts_AndNeverJournaled()
    {
        var (journal, _) = await IngestJournal.OpenAsync(JournalDirectory, _store, CancellationToken.None);
        using var _ = journal;
        await using var committer = new GroupCommitter(_store, group: true, journal, TimeSpan.FromSeconds(30));

        var write = await committer.WriteAsync(Batch(0, 10), CancellationToken.None);

        write.Applied.ShouldBeNull();
        write.Counts.ShouldBe(new UsageWriteResult(10, 0, 0));
        Segments().ShouldBeEmpty();
    }

    [Fact]
    public async Task KilledBeforeTheStoreCaughtUp_RestartAppliesEveryAnsweredBatch_Once()
    {
        var (journal, _) = await IngestJournal.OpenAsync(JournalDirectory, _store, CancellationToken.None);
        var held = HeldStore.Wrap(_store);
        HeldStore.Of(held).Hold();
        var committer = new GroupCommitter(held, group: true, journal, AckAfter);
        var writes = await Task.WhenAll(Enumerable.Range(0, 6).Select(b => Task.Run(() => committer.WriteAsync(Batch(b, 40), [Cursor(b)], CancellationToken.None))))
            .WaitAsync(TimeSpan.FromSeconds(30));
        writes.ShouldAllBe(w => w.Applied != null);

        // The process dies: the held commit never lands (it fails), and the committer stops without applying anything.
        HeldStore.Of(held).FailHeld();
        await committer.DisposeAsync();
        journal.Dispose();
        (await _store.CountUsageAsync(CancellationToken.None)).ShouldBe(0);
        await _store.DisposeAsync();

        _store = await DuckDbStore.OpenAsync(StorePath, TimeProvider.System, CancellationToken.None);
        var (reopened, replayed) = await IngestJournal.OpenAsync(JournalDirectory, _store, CancellationToken.None);
        reopened.Dispose();

        replayed.Batches.ShouldBe(6);
        var records = await _store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
        records.Count.ShouldBe(6 * 40);
        records.Sum(r => r.Tokens.Output).ShouldBe(Enumerable.Range(0, 6).Sum(b => Batch(b, 40).Sum(r => r.Tokens.Output)));
        (await _store.GetCursorsAsync("otlp", CancellationToken.None)).Count.ShouldBe(6);
        Segments().ShouldBeEmpty();

        // A second start finds nothing left to apply.
        var (again, replayedAgain) = await IngestJournal.OpenAsync(JournalDirectory, _store, CancellationToken.None);
        again.Dispose();
        replayedAgain.Batches.ShouldBe(0);
        (await _store.CountUsageAsync(CancellationToken.None)).ShouldBe(6 * 40);
    }

    [Fact]
    public async Task Replay_SkipsWhatTheStoreAlreadyApplied_AndNumbersOnFromTheHighest()
    {
        var (journal, _) = await IngestJournal.OpenAsync(JournalDirectory, _store, CancellationToken.None);
        var entries = Enumerable.Range(0, 3).Select(b => new JournalEntry(journal.NextSequence(), Batch(b, 10), [Cursor(b)])).ToList();
        journal.Append(entries);
        journal.Dispose();

        // The store committed the first two (and said so in its applied cursor) before the process died.
        await IngestJournal.ApplyAsync(_store, entries[..2], CancellationToken.None);
        var stateOfSeriesOne = new SourceCursor("otlp", "series-1", "{\"n\":\"newer\"}");
        await _store.WriteUsageAsync([], [stateOfSeriesOne], CancellationToken.None);

        var (reopened, replayed) = await IngestJournal.OpenAsync(JournalDirectory, _store, CancellationToken.None);
        using var _ = reopened;

        replayed.Batches.ShouldBe(1);
        (await _store.CountUsageAsync(CancellationToken.None)).ShouldBe(30);
        (await _store.GetCursorsAsync("otlp", CancellationToken.None))["series-1"].ShouldBe(stateOfSeriesOne, "an applied batch's older cursor state is not written again");
        reopened.NextSequence().ShouldBeGreaterThan(entries[^1].Sequence);
    }

    [Fact]
    public async Task TornLastFrame_IsDropped_TheWholeFramesBeforeItApplied()
    {
        var (journal, _) = await IngestJournal.OpenAsync(JournalDirectory, _store, CancellationToken.None);
        journal.Append([new JournalEntry(journal.NextSequence(), Batch(0, 10), []), new JournalEntry(journal.NextSequence(), Batch(1, 10), [])]);
        journal.Dispose();
        var segment = Segments().Single();
        var whole = await File.ReadAllBytesAsync(segment);
        var third = new MemoryStream();
        JournalCodec.WriteFrame(third, new JournalEntry(99, Batch(2, 10), []));
        await File.WriteAllBytesAsync(segment, [.. whole, .. third.ToArray().AsSpan(0, (int)third.Length - 7)]);

        var (reopened, replayed) = await IngestJournal.OpenAsync(JournalDirectory, _store, CancellationToken.None);
        reopened.Dispose();

        replayed.Batches.ShouldBe(2);
        replayed.TornTail.ShouldNotBeNull().ShouldContain(segment);
        (await _store.CountUsageAsync(CancellationToken.None)).ShouldBe(20);
    }

    [Fact]
    public async Task DamageBeforeTheLastSegment_StopsTheStart_NamingTheFile_AndChangesNothing()
    {
        Directory.CreateDirectory(JournalDirectory);
        var first = Path.Combine(JournalDirectory, "0000000000000000001.journal");
        var second = Path.Combine(JournalDirectory, "0000000000000000002.journal");
        await using (var stream = File.Create(first))
        {
            JournalCodec.WriteFrame(stream, new JournalEntry(1, Batch(0, 10), []));
        }

        await using (var stream = File.Create(second))
        {
            JournalCodec.WriteFrame(stream, new JournalEntry(2, Batch(1, 10), []));
        }

        var bytes = await File.ReadAllBytesAsync(first);
        bytes[^3] ^= 0xFF;
        await File.WriteAllBytesAsync(first, bytes);

        var error = await Should.ThrowAsync<InvalidDataException>(() => IngestJournal.OpenAsync(JournalDirectory, _store, CancellationToken.None));

        error.Message.ShouldContain(first);
        (await _store.CountUsageAsync(CancellationToken.None)).ShouldBe(0);
        File.Exists(first).ShouldBeTrue();
        File.Exists(second).ShouldBeTrue();
    }

    [Fact]
    public void Codec_RoundTripsEveryPropertyOfARecord()
    {
        var record = new UsageRecord
        {
            Id = "id",
            SourceKind = "otlp",
            SourceName = "name",
            At = new DateTimeOffset(2026, 11, 23, 9, 30, 15, 123, TimeSpan.Zero).AddTicks(4567),
            Provider = "anthropic",
            Model = "claude-opus-4-1",
            ServiceTier = "priority",
            Speed = "fast",
            InferenceGeo = "us",
            Tokens = new TokenCounts(1, 2, 3, 4, 5),
            WebSearchRequests = 6,
            Requests = 7,
            Cost = 0.123456789012m,
            CostBasis = CostBasis.Billed,
            Currency = "EUR",
            MessageId = "msg",
            RequestId = "req",
            IsSidechain = true,
            ApiKeyId = "key",
            ApiKeyAlias = "alias",
            Workspace = "ws",
            Person = "ana@example.com",
            Account = "acct",
            MachineUser = "ana",
            SessionId = "s",
            Tool = "claude-code",
            ToolVersion = "2.0.1",
            Repo = "github.com/acme/api",
            Branch = "feat/ABC-1",
            Cwd = "/src/api",
            TicketIds = ["ABC-1", "#2"],
            Tags = new Dictionary<string, string> { ["team"] = "payments", ["env"] = "prod" },
        };

        // Every property is set to something other than its default, so a property added later without the codec fails here.
        foreach (var property in typeof(UsageRecord).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = property.GetValue(record);
            var fresh = property.PropertyType.IsValueType ? Activator.CreateInstance(property.PropertyType) : null;
            (value is null || value.Equals(fresh) || value is System.Collections.ICollection { Count: 0 }).ShouldBeFalse($"{property.Name} is left at its default in this test");
        }

        var stream = new MemoryStream();
        JournalCodec.WriteFrame(stream, new JournalEntry(42, [record, record with { Cost = null, SourceName = null, TicketIds = [], Tags = new Dictionary<string, string>() }], [new SourceCursor("a", "b", "c")]));
        var entry = JournalCodec.TryReadFrame(stream.ToArray(), out var consumed)!;

        consumed.ShouldBe((int)stream.Length);
        entry.Sequence.ShouldBe(42);
        entry.Cursors.ShouldBe([new SourceCursor("a", "b", "c")]);
        var back = entry.Records.First();
        foreach (var property in typeof(UsageRecord).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var expected = property.GetValue(record);
            var actual = property.GetValue(back);
            if (expected is System.Collections.IEnumerable sequence and not string)
            {
                ((System.Collections.IEnumerable)actual!).Cast<object>().ShouldBe(sequence.Cast<object>(), property.Name);
            }
            else
            {
                actual.ShouldBe(expected, property.Name);
            }
        }

        entry.Records.Last().Cost.ShouldBeNull();
        entry.Records.Last().SourceName.ShouldBeNull();
    }

    private static SourceCursor Cursor(int batch) => new("otlp", $"series-{batch}", $"{{\"n\":{batch}}}");

    private static List<UsageRecord> Batch(int batch, int size) => Enumerable.Range(0, size).Select(i => new UsageRecord
    {
        Id = $"j{batch}-{i}",
        SourceKind = "generic",
        At = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
        Provider = "anthropic",
        Model = "claude-sonnet-4-5",
        Tokens = new TokenCounts(1, (batch * 100) + i, 0, 0, 0),
        Tags = new Dictionary<string, string> { ["team"] = "payments" },
    }).ToList();

    private string[] Segments() => Directory.Exists(JournalDirectory) ? Directory.GetFiles(JournalDirectory) : [];
}
