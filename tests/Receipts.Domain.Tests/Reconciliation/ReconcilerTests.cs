using Receipts.Domain.Reconciliation;

namespace Receipts.Domain.Tests.Reconciliation;

public sealed class ReconcilerTests
{
    private static readonly DateOnly Day = new(2026, 11, 2);

    private static Cell C(string key, string model = "claude-sonnet-4-5") => new("anthropic", Day, IdentityKind.ApiKey, key, model);

    [Fact]
    public void Reconcile_BilledCell_SpreadsByEstimate_InCents()
    {
        var result = Reconciler.Reconcile(
            [new ObservedCost("a", C("k1"), 1m, "p1"), new ObservedCost("b", C("k1"), 2m, "p2"), new ObservedCost("c", C("k1"), 1m, null)],
            [new BilledAmount(C("k1"), 10m)],
            _ => null);

        result.Allocations.Select(a => (a.RecordId, a.Amount)).ShouldBe([("a", 2.50m), ("b", 5.00m), ("c", 2.50m)]);
        var cell = result.Cells.Single();
        cell.Billed.ShouldBe(10m);
        cell.Observed.ShouldBe(4m);
        cell.Attributed.ShouldBe(7.50m);
        cell.Unattributed.ShouldBe(2.50m);
        cell.Drift.ShouldBe(0.6m);
    }

    [Fact]
    public void Reconcile_BilledCellWithNothingObserved_GoesToTheIdentitysProject_ElseUnattributed()
    {
        var result = Reconciler.Reconcile([], [new BilledAmount(C("mapped"), 3m), new BilledAmount(C("unknown"), 4m)], c => c.IdentityId == "mapped" ? "p1" : null);

        result.Allocations.ShouldContain(new Allocation(C("mapped"), null, "p1", 3m, AllocationBasis.Billed));
        result.Allocations.ShouldContain(new Allocation(C("unknown"), null, null, 4m, AllocationBasis.Billed));
    }

    [Fact]
    public void Reconcile_NoBilling_EstimatesStand_AndUnpricedRecordsCarryNothing()
    {
        var result = Reconciler.Reconcile([new ObservedCost("a", C("k"), 0.123456m, "p"), new ObservedCost("b", C("k"), null, "p")], [], _ => null);

        result.Allocations.ShouldBe([new Allocation(C("k"), "a", "p", 0.123456m, AllocationBasis.Estimated)]);
        result.Cells.Single().Billed.ShouldBeNull();
    }

    [Fact]
    public void Reconcile_RandomCells_AttributedPlusUnattributedEqualsBilled_ToTheCent_AndIsDeterministic()
    {
        var random = new Random(7);
        for (var run = 0; run < 300; run++)
        {
            var keys = Enumerable.Range(0, random.Next(1, 6)).Select(i => "k" + i).ToArray();
            var models = new[] { "claude-sonnet-4-5", "claude-opus-4-5", "gpt-5" };
            var observed = Enumerable.Range(0, random.Next(0, 200))
                .Select(i => new ObservedCost(
                    "r" + i,
                    C(keys[random.Next(keys.Length)], models[random.Next(models.Length)]),
                    random.Next(8) == 0 ? null : Math.Round((decimal)random.NextDouble() * 3m, 6),
                    random.Next(3) == 0 ? null : "p" + random.Next(4)))
                .ToList();
            var billed = keys.SelectMany(k => models.Where(_ => random.Next(2) == 0)
                    .Select(m => new BilledAmount(C(k, m), Math.Round((decimal)random.NextDouble() * 500m, random.Next(0, 5)))))
                .ToList();

            var result = Reconciler.Reconcile(observed, billed, c => c.IdentityId == "k0" ? "p-mapped" : null);
            var again = Reconciler.Reconcile(observed, billed, c => c.IdentityId == "k0" ? "p-mapped" : null);

            again.Allocations.ShouldBe(result.Allocations);
            foreach (var b in billed.GroupBy(b => b.Cell))
            {
                var cell = result.Cells.Single(c => c.Cell == b.Key);
                var expectedCents = Money.ToCents(b.Sum(x => x.Amount));
                (cell.Attributed + cell.Unattributed).ShouldBe(expectedCents / 100m, $"run {run} cell {b.Key}");
                result.Allocations.Where(a => a.Cell == b.Key).Sum(a => a.Amount).ShouldBe(expectedCents / 100m);
                result.Allocations.Where(a => a.Cell == b.Key).ShouldAllBe(a => a.Amount == decimal.Round(a.Amount, 2));
            }

            // No record receives dollars twice.
            result.Allocations.Where(a => a.RecordId is not null).Select(a => a.RecordId).ShouldBeUnique();
        }
    }

    [Fact]
    public void Reconcile_ACorrectionMovesExactlyTheDollarsItNames()
    {
        var observed = new List<ObservedCost>
        {
            new("a", C("k"), 1m, "p1"),
            new("b", C("k"), 3m, "p1"),
            new("c", C("k"), 2m, "p2"),
        };
        var billed = new[] { new BilledAmount(C("k"), 9.99m) };
        var before = Reconciler.Reconcile(observed, billed, _ => null);

        observed[1] = observed[1] with { Project = "p3" };
        var after = Reconciler.Reconcile(observed, billed, _ => null);

        var moved = before.Allocations.Single(a => a.RecordId == "b").Amount;
        after.Allocations.Where(a => a.Project == "p3").Sum(a => a.Amount).ShouldBe(moved);
        after.Allocations.Where(a => a.Project == "p1").Sum(a => a.Amount)
            .ShouldBe(before.Allocations.Where(a => a.Project == "p1").Sum(a => a.Amount) - moved);
        after.Allocations.Where(a => a.Project == "p2").Sum(a => a.Amount)
            .ShouldBe(before.Allocations.Where(a => a.Project == "p2").Sum(a => a.Amount));
    }
}
