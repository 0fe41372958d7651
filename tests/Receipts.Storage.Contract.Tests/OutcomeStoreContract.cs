using Receipts.Domain.Outcomes;
using Receipts.Domain.Storage;

namespace Receipts.Storage.Contract.Tests;

/// <summary>What every outcome store does, whatever the database.</summary>
public abstract class OutcomeStoreContract<TStore> : StoreContract<TStore>
    where TStore : class, IUsageStore, ITokenStore, IStoreHealth, IOutcomeStore, IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);

    private static Change Full(string id, string title = "Add refunds (#5)") => new()
    {
        Repo = "github.com/acme/payments",
        Id = id,
        Sha = "3a2f0b32fdc36c92d392f10a987575b76b592826",
        Number = 5,
        MergedAt = T0,
        Author = "dev@acme.test",
        HeadBranch = "feat/PAY-12-refunds",
        Title = title,
        Labels = ["bug"],
        Files = ["src/New.cs", "src/b.cs", "src/ünïcode \"quoted\".cs"],
        PreviousFiles = ["src/Old.cs"],
        Tags = ["v1.2.1"],
        Tickets = ["PAY-12"],
        Reverts = [new RevertReference(RevertTargetKind.Sha, "abcdef1"), new RevertReference(RevertTargetKind.Subject, "Revert \"x\"", IsReapply: true)],
        Source = "git",
        FirstCommitAt = T0.AddDays(-2),
        OpenedAt = T0.AddDays(-1),
        FirstReviewAt = T0.AddHours(-5),
    };

    [StoreFact]
    public async Task WriteChanges_RoundTripsEveryField_AndTheCursor()
    {
        var change = Full("#5");
        await Store.WriteChangesAsync([change], [new SourceCursor("git", "github.com/acme/payments@main", "{\"sha\":\"x\"}")], Ct);

        var read = (await Store.ReadChangesAsync(ChangeFilter.All, Ct)).ShouldHaveSingleItem();

        // Lists come back as other list types: compare them by content, everything else as the record.
        read.Labels.ShouldBe(change.Labels);
        read.Files.ShouldBe(change.Files);
        read.PreviousFiles.ShouldBe(change.PreviousFiles);
        read.Tags.ShouldBe(change.Tags);
        read.Tickets.ShouldBe(change.Tickets);
        read.Reverts.ShouldBe(change.Reverts);
        (read with { Labels = change.Labels, Files = change.Files, PreviousFiles = change.PreviousFiles, Tags = change.Tags, Tickets = change.Tickets, Reverts = change.Reverts })
            .ShouldBe(change);
        (await Store.GetCursorsAsync("git", Ct))["github.com/acme/payments@main"].State.ShouldBe("{\"sha\":\"x\"}");
    }

    [StoreFact]
    public async Task WriteChanges_NullOptionalFields_ReadBackAsNull()
    {
        var bare = Full("abc123") with { Number = null, Author = null, HeadBranch = null, FirstCommitAt = null, OpenedAt = null, FirstReviewAt = null, Labels = [], Reverts = [] };

        await Store.WriteChangesAsync([bare], [], Ct);
        var read = (await Store.ReadChangesAsync(ChangeFilter.All, Ct)).ShouldHaveSingleItem();

        (read.Number, read.Author, read.HeadBranch, read.FirstCommitAt, read.OpenedAt, read.FirstReviewAt).ShouldBe((null, null, null, null, null, null));
        read.Labels.ShouldBeEmpty();
        read.Reverts.ShouldBeEmpty();
    }

    [StoreFact]
    public async Task WriteChanges_SameKeyAgain_ReplacesWithoutASecondCopy()
    {
        await Store.WriteChangesAsync([Full("#5", "Old title")], [], Ct);
        await Store.WriteChangesAsync([Full("#5", "New title"), Full("#5", "Newest title")], [], Ct);

        (await Store.ReadChangesAsync(ChangeFilter.All, Ct)).ShouldHaveSingleItem().Title.ShouldBe("Newest title");
    }

    [StoreFact]
    public async Task DeleteChanges_RemovesOnlyTheNamedIdsOfThatRepoAndSource()
    {
        await Store.WriteChangesAsync(
            [Full("#5"), Full("#6"), Full("#7") with { Source = "github" }, Full("#5") with { Repo = "github.com/acme/web" }],
            [],
            Ct);

        var deleted = await Store.DeleteChangesAsync("github.com/acme/payments", "git", ["#5", "#7", "#404"], Ct);

        deleted.ShouldBe(1);
        (await Store.ReadChangesAsync(ChangeFilter.All, Ct)).Select(c => c.Repo + c.Id)
            .ShouldBe(["github.com/acme/payments#6", "github.com/acme/payments#7", "github.com/acme/web#5"], ignoreOrder: true);
        (await Store.DeleteChangesAsync("github.com/acme/payments", "git", [], Ct)).ShouldBe(0);
    }

    [StoreFact]
    public async Task ReadChanges_FiltersByRepoAndMergedRange()
    {
        await Store.WriteChangesAsync(
        [
            Full("#1") with { MergedAt = T0 },
            Full("#2") with { MergedAt = T0.AddDays(1) },
            Full("#3") with { MergedAt = T0.AddDays(2) },
            Full("#4") with { Repo = "github.com/acme/other", MergedAt = T0.AddDays(1) },
        ], [], Ct);

        var read = await Store.ReadChangesAsync(new ChangeFilter { Repo = "github.com/acme/payments", Since = T0.AddDays(1), Until = T0.AddDays(2) }, Ct);

        read.Select(c => c.Id).ShouldBe(["#2"]);
    }

    [StoreFact]
    public async Task ReadChanges_OrdersByMergedAtThenRepoThenIdByCodePoint()
    {
        await Store.WriteChangesAsync(
        [
            Full("b") with { MergedAt = T0 },
            Full("B") with { MergedAt = T0 },
            Full("a") with { MergedAt = T0.AddDays(-1) },
        ], [], Ct);

        (await Store.ReadChangesAsync(ChangeFilter.All, Ct)).Select(c => c.Id).ShouldBe(["a", "B", "b"]);
    }

    [StoreFact]
    public async Task WriteTicketEvents_IdempotentById()
    {
        var e = new TicketEvent { Id = "jira:PAY-12:1001", Tracker = "jira", TicketId = "PAY-12", Kind = TicketEventKind.Reopened, At = T0, Project = "PAY", Actor = "sarah" };
        await Store.WriteTicketEventsAsync([e], [], Ct);
        await Store.WriteTicketEventsAsync([e], [new SourceCursor("jira", "PAY", "{}")], Ct);

        (await Store.ReadTicketEventsAsync(Ct)).ShouldHaveSingleItem().ShouldBe(e);
        (await Store.GetCursorsAsync("jira", Ct)).Keys.ShouldBe(["PAY"]);
    }

    [StoreFact]
    public async Task WriteTicketEvents_NewerObservationOfAnId_ReplacesIt()
    {
        var e = new TicketEvent { Id = "linear:1", Tracker = "linear", TicketId = "ENG-1", Kind = TicketEventKind.Completed, At = T0 };
        await Store.WriteTicketEventsAsync([e], [], Ct);

        await Store.WriteTicketEventsAsync([e with { Kind = TicketEventKind.Reopened, Actor = "lee" }], [], Ct);

        (await Store.ReadTicketEventsAsync(Ct)).ShouldHaveSingleItem().ShouldBe(e with { Kind = TicketEventKind.Reopened, Actor = "lee" });
    }

    [StoreFact]
    public async Task TeamWindowChanges_AreAppendedAndReadOldestFirst()
    {
        var second = new TeamWindowChange("payments", 21, 14, "lee", T0.AddDays(3), "back to default");
        var first = new TeamWindowChange("payments", 14, 21, "sarah", T0, "release train");
        await Store.WriteTeamWindowChangeAsync(second, Ct);
        await Store.WriteTeamWindowChangeAsync(first, Ct);

        (await Store.ReadTeamWindowChangesAsync(Ct)).ShouldBe([first, second]);
    }
}
