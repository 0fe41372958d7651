using Receipts.Domain.Metrics;

namespace Receipts.Domain.Tests.Metrics;

public sealed class ChangeCostLinkerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static SpendItem S(string id, double hours, decimal amount, string? branch = null, string? ticket = null, string repo = "github.com/acme/pay") => new()
    {
        RecordId = id,
        At = T0.AddHours(hours),
        Model = "m",
        Repo = repo,
        Branch = branch,
        Tickets = ticket is null ? [] : [ticket],
        Amount = amount,
    };

    private static ChangeOutcome C(string id, double mergedHours, string? branch, string? ticket = null, double? firstCommitHours = null) => new()
    {
        Repo = "https://github.com/acme/pay.git",
        Id = id,
        MergedAt = T0.AddHours(mergedHours),
        HeadBranch = branch,
        Tickets = ticket is null ? [] : [ticket],
        FirstCommitAt = firstCommitHours is null ? null : T0.AddHours(firstCommitHours.Value),
        Status = OutcomeStatus.Verified,
    };

    [Fact]
    public void Link_RecordsOnTheHeadBranchBeforeTheMerge_CountForTheChange()
    {
        var change = C("#1", 10, "feat/a");

        var links = ChangeCostLinker.Link([change], [S("a", 1, 1.5m, "feat/a"), S("b", 2, 2m, "feat/a"), S("late", 11, 9m, "feat/a"), S("other", 1, 4m, "main")]);

        links.CostOf(change).ShouldBe(3.5m);
        links.LinkedRecords.ShouldBe(["a", "b"], ignoreOrder: true);
    }

    [Fact]
    public void Link_ReusedBranchName_EachRecordGoesToTheFirstMergeAfterIt_NeverTwice()
    {
        var first = C("#1", 10, "fix");
        var second = C("#2", 30, "fix");

        var links = ChangeCostLinker.Link([second, first], [S("a", 5, 1m, "fix"), S("b", 20, 2m, "fix")]);

        links.CostOf(first).ShouldBe(1m);
        links.CostOf(second).ShouldBe(2m);
    }

    [Fact]
    public void Link_ByTicket_WhenTheBranchDoesNotMatch()
    {
        var change = C("#7", 10, "feat/x", "PAY-9");

        ChangeCostLinker.Link([change], [S("a", 3, 5m, "local-work", "PAY-9")]).CostOf(change).ShouldBe(5m);
    }

    [Fact]
    public void Link_LongBeforeTheBranchsFirstCommit_IsNotLinked()
    {
        var change = C("#1", 100, "feat/a", firstCommitHours: 90);

        var links = ChangeCostLinker.Link([change], [S("early", 10, 1m, "feat/a"), S("inside", 80, 2m, "feat/a")]);

        links.CostOf(change).ShouldBe(2m);
    }
}
