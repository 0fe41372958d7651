using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Storage.Contract.Tests;

/// <summary>What every usage store does, whatever the database.</summary>
public abstract class UsageStoreContract<TStore> : StoreContract<TStore>
    where TStore : class, IUsageStore, ITokenStore, IStoreHealth, IAsyncDisposable
{
    internal static UsageRecord Record(string id, long output, bool sidechain = false) => new()
    {
        Id = id,
        SourceKind = "claude-code",
        At = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
        Provider = "anthropic",
        Model = "claude-sonnet-4-5",
        Tokens = new TokenCounts(3, output, 100, 10, 0),
        IsSidechain = sidechain,
        TicketIds = ["PAY-1"],
        Tags = new Dictionary<string, string> { ["team"] = "payments" },
        Repo = "github.com/acme/payments",
    };

    [StoreFact]
    public async Task Write_ThenRead_RoundTripsEveryField()
    {
        var record = Record("a", 5) with
        {
            SourceName = "/home/a/.claude/projects/x.jsonl",
            ServiceTier = "priority",
            Speed = "fast",
            InferenceGeo = "us",
            Tokens = new TokenCounts(3, 5, 100, 10, 7),
            WebSearchRequests = 2,
            Requests = 3,
            Cost = 0.123456789012m,
            CostBasis = CostBasis.Billed,
            Currency = "EUR",
            MessageId = "msg_1",
            RequestId = "req_1",
            IsSidechain = true,
            ApiKeyId = "apikey_1",
            ApiKeyAlias = "payments-dev",
            Workspace = "wrk_1",
            Person = "sarah@acme.test",
            Account = "acct_1",
            MachineUser = "sarah",
            SessionId = "s-1",
            Tool = "claude-code",
            ToolVersion = "2.0.1",
            Branch = "feat/PAY-1-refunds",
            Cwd = "/home/sarah/src/payments",
            TicketIds = ["PAY-1", "PAY-2"],
            Tags = new Dictionary<string, string> { ["team"] = "payments", ["env"] = "dev \"quoted\"" },
        };

        var result = await Store.WriteUsageAsync([record], [], Ct);
        var read = await Store.ReadUsageAsync(UsageFilter.All, Ct).ToListAsync();

        result.ShouldBe(new UsageWriteResult(1, 0, 0));
        read.Count.ShouldBe(1);
        (read[0] with { TicketIds = record.TicketIds, Tags = record.Tags }).ShouldBe(record);
        read[0].At.Offset.ShouldBe(TimeSpan.Zero);
        read[0].TicketIds.ShouldBe(record.TicketIds);
        read[0].Tags.ShouldBe(record.Tags, ignoreOrder: true);
    }

    [StoreFact]
    public async Task Write_NullableFieldsAbsent_ReadBackAsAbsent()
    {
        var record = Record("a", 5) with { TicketIds = [], Tags = new Dictionary<string, string>(), Repo = null };

        await Store.WriteUsageAsync([record], [], Ct);
        var read = await Store.ReadUsageAsync(UsageFilter.All, Ct).SingleAsync();

        read.Cost.ShouldBeNull();
        read.Repo.ShouldBeNull();
        read.TicketIds.ShouldBeEmpty();
        read.Tags.ShouldBeEmpty();
    }

    [StoreFact]
    public async Task Write_SameRecordTwice_ChangesNothing()
    {
        await Store.WriteUsageAsync([Record("a", 5)], [], Ct);

        var again = await Store.WriteUsageAsync([Record("a", 5)], [], Ct);

        again.ShouldBe(new UsageWriteResult(0, 0, 1));
        (await Store.CountUsageAsync(Ct)).ShouldBe(1);
    }

    [StoreFact]
    public async Task Write_FullerCopy_ReplacesThinnerOne_AndThinnerNeverReplacesFuller()
    {
        await Store.WriteUsageAsync([Record("a", 5)], [], Ct);

        var fuller = await Store.WriteUsageAsync([Record("a", 400)], [], Ct);
        var thinner = await Store.WriteUsageAsync([Record("a", 1)], [], Ct);

        fuller.ShouldBe(new UsageWriteResult(0, 1, 0));
        thinner.ShouldBe(new UsageWriteResult(0, 0, 1));
        (await Store.ReadUsageAsync(UsageFilter.All, Ct).SingleAsync()).Tokens.Output.ShouldBe(400);
    }

    [StoreFact]
    public async Task Write_MainThreadCopy_ReplacesSidechainReplay_AndSidechainNeverReplacesMainThread()
    {
        await Store.WriteUsageAsync([Record("a", 900, sidechain: true)], [], Ct);

        await Store.WriteUsageAsync([Record("a", 5)], [], Ct);
        await Store.WriteUsageAsync([Record("a", 9000, sidechain: true)], [], Ct);

        var read = await Store.ReadUsageAsync(UsageFilter.All, Ct).SingleAsync();
        read.IsSidechain.ShouldBeFalse();
        read.Tokens.Output.ShouldBe(5);
    }

    [StoreFact]
    public async Task Write_SameIdTwiceInOneBatch_KeepsTheFullerCopyOnce()
    {
        var result = await Store.WriteUsageAsync([Record("a", 5), Record("b", 1), Record("a", 50), Record("a", 7)], [], Ct);

        result.ShouldBe(new UsageWriteResult(2, 0, 0));
        var read = await Store.ReadUsageAsync(UsageFilter.All, Ct).ToListAsync();
        read.Single(r => r.Id == "a").Tokens.Output.ShouldBe(50);
        read.Count.ShouldBe(2);
    }

    [StoreFact]
    public async Task Write_MixedBatch_CountsInsertedReplacedAndUnchanged()
    {
        await Store.WriteUsageAsync([Record("a", 5), Record("b", 5)], [], Ct);

        var result = await Store.WriteUsageAsync([Record("a", 5), Record("b", 6), Record("c", 1)], [], Ct);

        result.ShouldBe(new UsageWriteResult(1, 1, 1));
        (await Store.CountUsageAsync(Ct)).ShouldBe(3);
    }

    [StoreFact]
    public async Task Write_BatchReplayedAmongNewOnes_StoresEachIdOnce()
    {
        await Store.WriteUsageAsync([Record("a", 5), Record("b", 5)], [], Ct);
        await Store.WriteUsageAsync([Record("c", 5)], [], Ct);

        var replay = await Store.WriteUsageAsync([Record("d", 5), Record("b", 5), Record("a", 5), Record("e", 5)], [], Ct);

        replay.ShouldBe(new UsageWriteResult(2, 0, 2));
        var ids = (await Store.ReadUsageAsync(UsageFilter.All, Ct).ToListAsync()).Select(r => r.Id).Order(StringComparer.Ordinal);
        ids.ShouldBe(["a", "b", "c", "d", "e"]);
    }

    [StoreFact]
    public async Task Write_AfterReopen_ReplayChangesNothing_AndFullerCopyStillWins()
    {
        await Store.WriteUsageAsync([Record("a", 5), Record("b", 50)], [], Ct);
        await using var again = await ReopenAsync(Time);

        var replay = await again.WriteUsageAsync([Record("a", 5), Record("b", 5)], [], Ct);
        var fuller = await again.WriteUsageAsync([Record("a", 60)], [], Ct);

        replay.ShouldBe(new UsageWriteResult(0, 0, 2));
        fuller.ShouldBe(new UsageWriteResult(0, 1, 0));
        var read = await again.ReadUsageAsync(UsageFilter.All, Ct).ToListAsync();
        read.Count.ShouldBe(2);
        read.Single(r => r.Id == "a").Tokens.Output.ShouldBe(60);
        read.Single(r => r.Id == "b").Tokens.Output.ShouldBe(50);
    }

    [StoreFact]
    public async Task Write_SavesCursorsInTheSameTransaction()
    {
        await Store.WriteUsageAsync([Record("a", 5)], [new SourceCursor("claude-code", "/x.jsonl", "{\"offset\":10}")], Ct);
        await Store.WriteUsageAsync([], [new SourceCursor("claude-code", "/x.jsonl", "{\"offset\":20}"), new SourceCursor("codex", "/y", "1")], Ct);
        var cursors = await Store.GetCursorsAsync("claude-code", Ct);

        cursors.Count.ShouldBe(1);
        cursors["/x.jsonl"].State.ShouldBe("{\"offset\":20}");
        (await Store.GetCursorsAsync("codex", Ct))["/y"].State.ShouldBe("1");
    }

    [StoreFact]
    public async Task Read_FiltersByInstantRange_UntilExclusive()
    {
        var at = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        await Store.WriteUsageAsync([Record("a", 1) with { At = at }, Record("b", 1) with { At = at.AddHours(1) }, Record("c", 1) with { At = at.AddSeconds(-1) }], [], Ct);

        var read = await Store.ReadUsageAsync(new UsageFilter { Since = at, Until = at.AddHours(1) }, Ct).ToListAsync();

        read.Select(r => r.Id).ShouldBe(["a"]);
    }

    [StoreFact]
    public async Task Read_FiltersBySourceKind_AndOrdersByInstantThenId()
    {
        var at = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        await Store.WriteUsageAsync(
            [
                Record("b", 1) with { At = at },
                Record("a", 1) with { At = at },
                Record("Z", 1) with { At = at },
                Record("early", 1) with { At = at.AddMinutes(-1) },
                Record("otel-1", 1) with { At = at, SourceKind = "otel" },
            ],
            [],
            Ct);

        var claude = await Store.ReadUsageAsync(new UsageFilter { SourceKinds = ["claude-code"] }, Ct).ToListAsync();
        var all = await Store.ReadUsageAsync(UsageFilter.All, Ct).ToListAsync();

        claude.Select(r => r.Id).ShouldBe(["early", "Z", "a", "b"]);
        all.Count.ShouldBe(5);
    }

    [StoreFact]
    public async Task Write_ThenReopen_FactsAreStillThere()
    {
        await Store.WriteUsageAsync([Record("a", 5)], [new SourceCursor("s", "k", "v")], Ct);

        await using var again = await ReopenAsync(Time);

        (await again.CountUsageAsync(Ct)).ShouldBe(1);
        (await again.GetCursorsAsync("s", Ct)).Count.ShouldBe(1);
    }

    [StoreFact]
    public async Task Ping_OpenStore_Succeeds()
    {
        await Store.PingAsync(Ct);
    }
}
