using Receipts.Domain.Outcomes;
using Receipts.Domain.Storage;

namespace Receipts.Storage.DuckDb.Tests;

public sealed class OutcomeStoreTests
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
        Files = ["src/New.cs", "src/b.cs"],
        PreviousFiles = ["src/Old.cs"],
        Tags = ["v1.2.1"],
        Tickets = ["PAY-12"],
        Reverts = [new RevertReference(RevertTargetKind.Sha, "abcdef1"), new RevertReference(RevertTargetKind.Subject, "Revert \"x\"", IsReapply: true)],
        Source = "git",
        FirstCommitAt = T0.AddDays(-2),
        OpenedAt = T0.AddDays(-1),
        FirstReviewAt = T0.AddHours(-5),
    };

    [Fact]
    public async Task WriteChanges_RoundTripsEveryField_AndTheCursor()
    {
        await using var temp = await TempStore.CreateAsync();
        var change = Full("#5");
        await temp.Store.WriteChangesAsync([change], [new SourceCursor("git", "github.com/acme/payments@main", "{\"sha\":\"x\"}")], CancellationToken.None);

        var read = (await temp.Store.ReadChangesAsync(ChangeFilter.All, CancellationToken.None)).ShouldHaveSingleItem();
        // Lists come back as other list types: compare them by content, everything else as the record.
        read.Labels.ShouldBe(change.Labels);
        read.Files.ShouldBe(change.Files);
        read.PreviousFiles.ShouldBe(change.PreviousFiles);
        read.Tags.ShouldBe(change.Tags);
        read.Tickets.ShouldBe(change.Tickets);
        read.Reverts.ShouldBe(change.Reverts);
        (read with { Labels = change.Labels, Files = change.Files, PreviousFiles = change.PreviousFiles, Tags = change.Tags, Tickets = change.Tickets, Reverts = change.Reverts })
            .ShouldBe(change);
        (await temp.Store.GetCursorsAsync("git", CancellationToken.None))["github.com/acme/payments@main"].State.ShouldBe("{\"sha\":\"x\"}");
    }

    [Fact]
    public async Task WriteChanges_SameKeyAgain_ReplacesWithoutASecondCopy()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.WriteChangesAsync([Full("#5", "Old title")], [], CancellationToken.None);
        await temp.Store.WriteChangesAsync([Full("#5", "New title"), Full("#5", "Newest title")], [], CancellationToken.None);

        (await temp.Store.ReadChangesAsync(ChangeFilter.All, CancellationToken.None)).ShouldHaveSingleItem().Title.ShouldBe("Newest title");
    }

    [Fact]
    public async Task DeleteChanges_RemovesOnlyTheNamedIdsOfThatRepoAndSource()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.WriteChangesAsync(
            [Full("#5"), Full("#6"), Full("#7") with { Source = "github" }, Full("#5") with { Repo = "github.com/acme/web" }],
            [],
            CancellationToken.None);

        var deleted = await temp.Store.DeleteChangesAsync("github.com/acme/payments", "git", ["#5", "#7", "#404"], CancellationToken.None);

        deleted.ShouldBe(1);
        (await temp.Store.ReadChangesAsync(ChangeFilter.All, CancellationToken.None)).Select(c => c.Repo + c.Id)
            .ShouldBe(["github.com/acme/payments#6", "github.com/acme/payments#7", "github.com/acme/web#5"], ignoreOrder: true);
        (await temp.Store.DeleteChangesAsync("github.com/acme/payments", "git", [], CancellationToken.None)).ShouldBe(0);
    }

    [Fact]
    public async Task ReadChanges_FiltersByRepoAndMergedRange()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.WriteChangesAsync(
        [
            Full("#1") with { MergedAt = T0 },
            Full("#2") with { MergedAt = T0.AddDays(1) },
            Full("#3") with { MergedAt = T0.AddDays(2) },
            Full("#4") with { Repo = "github.com/acme/other", MergedAt = T0.AddDays(1) },
        ], [], CancellationToken.None);

        var read = await temp.Store.ReadChangesAsync(new ChangeFilter { Repo = "github.com/acme/payments", Since = T0.AddDays(1), Until = T0.AddDays(2) }, CancellationToken.None);
        read.Select(c => c.Id).ShouldBe(["#2"]);
    }

    [Fact]
    public async Task WriteTicketEvents_IdempotentById()
    {
        await using var temp = await TempStore.CreateAsync();
        var e = new TicketEvent { Id = "jira:PAY-12:1001", Tracker = "jira", TicketId = "PAY-12", Kind = TicketEventKind.Reopened, At = T0, Project = "PAY", Actor = "sarah" };
        await temp.Store.WriteTicketEventsAsync([e], [], CancellationToken.None);
        await temp.Store.WriteTicketEventsAsync([e], [new SourceCursor("jira", "PAY", "{}")], CancellationToken.None);

        (await temp.Store.ReadTicketEventsAsync(CancellationToken.None)).ShouldHaveSingleItem().ShouldBe(e);
    }

    [Fact]
    public async Task TeamWindowChanges_AreAppendedAndReadOldestFirst()
    {
        await using var temp = await TempStore.CreateAsync();
        var second = new TeamWindowChange("payments", 21, 14, "lee", T0.AddDays(3), "back to default");
        var first = new TeamWindowChange("payments", 14, 21, "sarah", T0, "release train");
        await temp.Store.WriteTeamWindowChangeAsync(second, CancellationToken.None);
        await temp.Store.WriteTeamWindowChangeAsync(first, CancellationToken.None);

        (await temp.Store.ReadTeamWindowChangesAsync(CancellationToken.None)).ShouldBe([first, second]);
    }
}
