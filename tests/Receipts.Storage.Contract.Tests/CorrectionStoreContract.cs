using Receipts.Domain.Attribution;
using Receipts.Domain.Storage;

namespace Receipts.Storage.Contract.Tests;

/// <summary>Corrections are facts: every one written is read back, oldest first, whatever the database.</summary>
public abstract class CorrectionStoreContract<TStore> : StoreContract<TStore>
    where TStore : class, IUsageStore, ITokenStore, IStoreHealth, ICorrectionStore, IAsyncDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    [StoreFact]
    public async Task WriteCorrections_ThenRead_OldestFirstWithEveryField()
    {
        var later = new Correction("c2", At.AddHours(1), "lead@acme.test", "wrong repo", CorrectionTarget.Branch, "feat/PAY-1", "payments", "github.com/acme/payments");
        var earlier = new Correction("c1", At, "sarah@acme.test", "spike for search", CorrectionTarget.Session, "s-1", "search");
        var record = new Correction("c3", At.AddHours(1), "sarah@acme.test", "one request", CorrectionTarget.Record, "r-'quoted'", "payments");

        await Store.WriteCorrectionAsync(later, Ct);
        await Store.WriteCorrectionAsync(earlier, Ct);
        await Store.WriteCorrectionAsync(record, Ct);
        var read = await Store.ReadCorrectionsAsync(Ct);

        read.ShouldBe([earlier, later, record]);
        read[0].At.Offset.ShouldBe(TimeSpan.Zero);
    }

    [StoreFact]
    public async Task WriteCorrection_SameTargetAgain_KeepsBoth()
    {
        var first = new Correction("c1", At, "a@acme.test", "first", CorrectionTarget.Session, "s-1", "search");
        var second = first with { Id = "c2", At = At.AddMinutes(5), Reason = "second thoughts", Project = "payments" };

        await Store.WriteCorrectionAsync(first, Ct);
        await Store.WriteCorrectionAsync(second, Ct);

        (await Store.ReadCorrectionsAsync(Ct)).ShouldBe([first, second]);
    }

    [StoreFact]
    public async Task ReadCorrections_Empty_IsEmpty() =>
        (await Store.ReadCorrectionsAsync(Ct)).ShouldBeEmpty();
}
