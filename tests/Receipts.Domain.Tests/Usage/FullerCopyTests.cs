using Receipts.Domain.Usage;

namespace Receipts.Domain.Tests.Usage;

public sealed class FullerCopyTests
{
    private static UsageRecord Record(string id, long output, bool sidechain = false) => new()
    {
        Id = id,
        SourceKind = "claude-code",
        At = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
        Provider = "anthropic",
        Model = "m",
        Tokens = new TokenCounts(1, output, 0, 0, 0),
        IsSidechain = sidechain,
    };

    [Fact]
    public void KeepFullest_DistinctIds_ReturnsTheSameCollection()
    {
        var records = new[] { Record("a", 1), Record("b", 2) };

        FullerCopy.KeepFullest(records).ShouldBeSameAs(records);
    }

    [Fact]
    public void KeepFullest_RepeatedIds_KeepsTheFullestCopyInFirstSeenOrder()
    {
        var kept = FullerCopy.KeepFullest([Record("a", 1), Record("b", 2), Record("a", 9), Record("c", 1), Record("a", 3), Record("b", 1)]);

        kept.Select(r => (r.Id, r.Tokens.Output)).ShouldBe([("a", 9L), ("b", 2L), ("c", 1L)]);
    }

    [Fact]
    public void Replaces_MainThreadBeatsSidechain_WhateverTheTokens()
    {
        FullerCopy.Replaces(Record("a", 1), Record("a", 900, sidechain: true)).ShouldBeTrue();
        FullerCopy.Replaces(Record("a", 900, sidechain: true), Record("a", 1)).ShouldBeFalse();
        FullerCopy.Replaces(Record("a", 5), Record("a", 5)).ShouldBeFalse();
    }
}
