using Receipts.Domain.Directory;
using Receipts.Domain.Outcomes;
using Receipts.Domain.Storage;
using Receipts.Sources.Git;

namespace Receipts.Sources.Tests.Git;

public sealed class GitImporterTests
{
    private static readonly DateTimeOffset T0 = TestRepo.T0;
    private static readonly DateTimeOffset LongAfter = T0.AddDays(120);

    [Fact]
    public async Task Import_MergeSquashAndDirectPush_ReadsIdsBranchesFilesTicketsAndDates()
    {
        using var repo = new TestRepo();
        repo.At(T0).Commit("Initial", "README.md");
        repo.Branch("feat/PAY-12-refunds");
        repo.At(T0.AddHours(1)).Commit("Refunds", "src/payments/Refunds.cs");
        repo.Checkout("main");
        var merge = repo.At(T0.AddHours(2)).Merge("feat/PAY-12-refunds", "Merge pull request #1 from acme/feat/PAY-12-refunds", "Add refunds");
        var squash = repo.At(T0.AddHours(3)).Commit("Add totals PAY-13 (#2)", "src/payments/Totals.cs");
        var direct = repo.At(T0.AddHours(4)).Commit("Bump version", "version.txt");

        await using var store = await TempStore.CreateAsync();
        var result = await new GitImporter(store.Store).ImportAsync(repo.Path, null, null, CancellationToken.None);

        result.Changes.ShouldBe(4);
        result.Branch.ShouldBe("main");
        var changes = (await store.Store.ReadChangesAsync(ChangeFilter.All, CancellationToken.None)).ToDictionary(c => c.Sha);
        var m = changes[merge];
        m.Id.ShouldBe("#1");
        m.Number.ShouldBe(1);
        m.HeadBranch.ShouldBe("feat/PAY-12-refunds");
        m.Title.ShouldBe("Add refunds");
        m.Tickets.ShouldBe(["PAY-12"]);
        m.Files.ShouldBe(["src/payments/Refunds.cs"]);
        m.MergedAt.ShouldBe(T0.AddHours(2));
        m.Author.ShouldBe("dev@acme.test");
        m.Source.ShouldBe("git");
        var s = changes[squash];
        s.Id.ShouldBe("#2");
        s.Tickets.ShouldBe(["PAY-13"]);
        s.Files.ShouldBe(["src/payments/Totals.cs"]);
        var d = changes[direct];
        d.Id.ShouldBe(direct);
        d.Number.ShouldBeNull();
        d.Title.ShouldBe("Bump version");
    }

    [Fact]
    public async Task Import_Rename_RecordsNewPathAndKeepsOldForAreaMatching()
    {
        using var repo = new TestRepo();
        repo.At(T0).Commit("Initial", "src/Old.cs");
        repo.Git("mv", "src/Old.cs", "src/New.cs");
        var rename = repo.At(T0.AddHours(1)).Commit("Rename Old to New (#3)");
        // A hotfix touching the old name's file, now under its new name, within 72 hours.
        var hotfix = repo.At(T0.AddHours(5)).Commit("hotfix: null check (#4)", "src/New.cs");

        var (changes, verdicts) = await ImportAndVerifyAsync(repo, LongAfter);

        changes[rename].Files.ShouldBe(["src/New.cs"]);
        changes[rename].PreviousFiles.ShouldBe(["src/Old.cs"]);
        verdicts[rename].Status.ShouldBe(ChangeStatus.Disqualified);
        verdicts[rename].Reasons.ShouldHaveSingleItem().By.ShouldBe("#4");
        verdicts[hotfix].Status.ShouldBe(ChangeStatus.Verified);
    }

    [Fact]
    public async Task Verify_GitRevertOfSquash_DisqualifiesTheOriginalOnly()
    {
        using var repo = new TestRepo();
        repo.At(T0).Commit("Initial", "README.md");
        var original = repo.At(T0.AddDays(1)).Commit("Add refunds (#5)", "src/Refunds.cs");
        var other = repo.At(T0.AddDays(2)).Commit("Add docs (#6)", "docs/x.md");
        var revert = repo.At(T0.AddDays(3)).Revert(original);

        var (changes, verdicts) = await ImportAndVerifyAsync(repo, LongAfter);

        changes[revert].Reverts.ShouldContain(new RevertReference(RevertTargetKind.Sha, original));
        var reason = verdicts[original].Reasons.ShouldHaveSingleItem();
        reason.Kind.ShouldBe(DisqualifierKind.Revert);
        reason.By.ShouldBe(revert);
        reason.At.ShouldBe(T0.AddDays(3));
        reason.Evidence.ShouldBe("sha");
        verdicts[other].Status.ShouldBe(ChangeStatus.Verified);
        verdicts[revert].Status.ShouldBe(ChangeStatus.Verified);
    }

    [Fact]
    public async Task Verify_AbbreviatedShaInReferenceFormat_PairsWithTheOriginal()
    {
        using var repo = new TestRepo();
        repo.At(T0).Commit("Initial", "README.md");
        var original = repo.At(T0.AddDays(1)).Commit("Add refunds (#5)", "src/Refunds.cs");
        repo.Git("revert", "--no-commit", original);
        var revert = repo.At(T0.AddDays(2)).Commit($"Back out refunds\n\nThis reverts commit {original[..8]} (Add refunds (#5), 2026-09-02).");

        var (_, verdicts) = await ImportAndVerifyAsync(repo, LongAfter);

        verdicts[original].Reasons.ShouldHaveSingleItem().By.ShouldBe(revert);
    }

    [Fact]
    public async Task Verify_RevertOfMergeCommit_WithMainlineParent_DisqualifiesTheMerge()
    {
        using var repo = new TestRepo();
        repo.At(T0).Commit("Initial", "README.md");
        repo.Branch("feat-x");
        repo.At(T0.AddHours(1)).Commit("Feature x", "src/X.cs");
        repo.Checkout("main");
        var merge = repo.At(T0.AddHours(2)).Merge("feat-x", "Merge pull request #7 from acme/feat-x", "Feature x");
        var revert = repo.At(T0.AddDays(4)).Revert(merge, merge: true);

        var (changes, verdicts) = await ImportAndVerifyAsync(repo, LongAfter);

        changes[revert].Files.ShouldBe(["src/X.cs"]);
        verdicts[merge].Status.ShouldBe(ChangeStatus.Disqualified);
        verdicts[merge].Reasons.ShouldHaveSingleItem().By.ShouldBe(revert);
    }

    [Fact]
    public async Task Verify_RevertOfRevertInsideTheWindow_RestoresTheOriginal_AndDisqualifiesTheRevert()
    {
        using var repo = new TestRepo();
        repo.At(T0).Commit("Initial", "README.md");
        var original = repo.At(T0.AddDays(1)).Commit("Add refunds (#5)", "src/Refunds.cs");
        var revert = repo.At(T0.AddDays(2)).Revert(original);
        var reapply = repo.At(T0.AddDays(3)).Revert(revert); // git < 2.43 writes Revert "Revert "…""; newer writes Reapply "…"

        var (changes, verdicts) = await ImportAndVerifyAsync(repo, LongAfter);

        changes[reapply].Reverts.ShouldContain(new RevertReference(RevertTargetKind.Sha, revert, IsReapply: true));
        verdicts[original].Status.ShouldBe(ChangeStatus.Verified);
        verdicts[revert].Status.ShouldBe(ChangeStatus.Disqualified);
        verdicts[revert].Reasons.ShouldHaveSingleItem().By.ShouldBe(reapply);
    }

    [Fact]
    public async Task Verify_ReapplySubjectWithoutSha_IsMatchedBySubject_AndARevertAgainDisqualifies()
    {
        using var repo = new TestRepo();
        repo.At(T0).Commit("Initial", "README.md");
        var original = repo.At(T0.AddDays(1)).Commit("Add refunds", "src/Refunds.cs");
        var revert = repo.At(T0.AddDays(2)).Commit("Revert \"Add refunds\"", "src/Refunds.cs");
        var reapply = repo.At(T0.AddDays(3)).Commit("Reapply \"Add refunds\"", "src/Refunds.cs");

        var (_, verdicts) = await ImportAndVerifyAsync(repo, LongAfter);
        verdicts[original].Status.ShouldBe(ChangeStatus.Verified);
        verdicts[revert].Reasons.ShouldHaveSingleItem().By.ShouldBe(reapply);

        var again = repo.At(T0.AddDays(4)).Commit($"Revert \"Reapply \"Add refunds\"\"\n\nThis reverts commit {reapply}.", "src/Refunds.cs");
        (_, verdicts) = await ImportAndVerifyAsync(repo, LongAfter);
        verdicts[original].Status.ShouldBe(ChangeStatus.Disqualified);
        verdicts[original].Reasons.ShouldHaveSingleItem().By.ShouldBe(revert);
        verdicts[reapply].Reasons.ShouldHaveSingleItem().By.ShouldBe(again);
    }

    [Fact]
    public async Task Verify_GitHubRevertPullRequest_SquashedWithRevertsBody_PairsByNumber()
    {
        using var repo = new TestRepo();
        repo.At(T0).Commit("Initial", "README.md");
        repo.Branch("feat-y");
        repo.At(T0.AddHours(1)).Commit("Feature y", "src/Y.cs");
        repo.Checkout("main");
        var merge = repo.At(T0.AddHours(2)).Merge("feat-y", "Merge pull request #8 from acme/feat-y", "Feature y");
        var revert = repo.At(T0.AddDays(1)).Commit("Revert \"Feature y\" (#9)\n\nReverts acme/payments#8", "src/Y.cs");

        var (changes, verdicts) = await ImportAndVerifyAsync(repo, LongAfter);

        changes[revert].Id.ShouldBe("#9");
        var reason = verdicts[merge].Reasons.ShouldHaveSingleItem();
        reason.By.ShouldBe("#9");
        reason.Evidence.ShouldBe("pull-request");
    }

    [Fact]
    public async Task Verify_GitLabRevertOfMergeRequest_PairsByMergeRequestNumber()
    {
        using var repo = new TestRepo();
        repo.At(T0).Commit("Initial", "README.md");
        repo.Branch("feature/totals");
        repo.At(T0.AddHours(1)).Commit("Totals", "src/T.cs");
        repo.Checkout("main");
        var merge = repo.At(T0.AddHours(2)).Merge("feature/totals", "Merge branch 'feature/totals' into 'main'", "Totals\n\nSee merge request acme/payments!57");
        var revert = repo.At(T0.AddDays(2)).Commit("Revert \"Merge branch 'feature/totals' into 'main'\"\n\nThis reverts merge request !57", "src/T.cs");

        var (changes, verdicts) = await ImportAndVerifyAsync(repo, LongAfter);

        changes[merge].Id.ShouldBe("!57");
        changes[merge].HeadBranch.ShouldBe("feature/totals");
        var reason = verdicts[merge].Reasons.ShouldHaveSingleItem();
        reason.By.ShouldBe(revert);
        reason.Evidence.ShouldBe("merge-request");
    }

    [Fact]
    public async Task Verify_RevertBySubjectOnly_MatchesTheLatestEarlierChangeWithThatTitle()
    {
        using var repo = new TestRepo();
        repo.At(T0).Commit("Initial", "README.md");
        var original = repo.At(T0.AddDays(1)).Commit("Tune cache (#10)", "src/Cache.cs");
        var revert = repo.At(T0.AddDays(2)).Commit("Revert \"Tune cache (#10)\"", "src/Cache.cs");

        var (_, verdicts) = await ImportAndVerifyAsync(repo, LongAfter);

        var reason = verdicts[original].Reasons.ShouldHaveSingleItem();
        reason.By.ShouldBe(revert);
        reason.Evidence.ShouldBe("pull-request");
    }

    [Fact]
    public async Task Verify_RevertAfterTheWindow_DoesNotCount()
    {
        using var repo = new TestRepo();
        repo.At(T0).Commit("Initial", "README.md");
        var original = repo.At(T0.AddDays(1)).Commit("Add refunds (#5)", "src/Refunds.cs");
        repo.At(T0.AddDays(1 + 15)).Revert(original);

        var (_, verdicts) = await ImportAndVerifyAsync(repo, LongAfter);

        verdicts[original].Status.ShouldBe(ChangeStatus.Verified);
    }

    [Fact]
    public async Task Verify_HotfixInsideAndOutside72Hours_AndOnOtherFiles()
    {
        using var repo = new TestRepo();
        repo.At(T0).Commit("Initial", "README.md");
        var a = repo.At(T0.AddDays(1)).Commit("Checkout flow (#20)", "src/checkout/Flow.cs");
        var b = repo.At(T0.AddDays(1).AddHours(1)).Commit("Invoices (#21)", "src/invoices/Invoice.cs");
        var c = repo.At(T0.AddDays(1).AddHours(2)).Commit("Pricing (#22)", "src/pricing/Price.cs");
        // 71 hours after a, same file: disqualifies a.
        var h1 = repo.At(T0.AddDays(1).AddHours(71)).Commit("Hotfix: flow crash (#23)", "src/checkout/Flow.cs");
        // 74 hours after b, same file: too late for b.
        repo.At(T0.AddDays(1).AddHours(75)).Commit("HOTFIX invoices rounding (#24)", "src/invoices/Invoice.cs");
        // Tagged as a hotfix, 10 hours after c, same file.
        var h3 = repo.At(T0.AddDays(1).AddHours(12)).Commit("Price rounding (#25)", "src/pricing/Price.cs");
        repo.Git("tag", "v1.2.1-hotfix", h3);
        // A hotfix on unrelated files disqualifies nothing.
        repo.At(T0.AddDays(1).AddHours(13)).Commit("hotfix: typo (#26)", "docs/readme.md");

        var (_, verdicts) = await ImportAndVerifyAsync(repo, LongAfter);

        var ra = verdicts[a].Reasons.ShouldHaveSingleItem();
        ra.Kind.ShouldBe(DisqualifierKind.Hotfix);
        ra.By.ShouldBe("#23");
        verdicts[b].Status.ShouldBe(ChangeStatus.Verified);
        verdicts[c].Reasons.ShouldHaveSingleItem().By.ShouldBe("#25");
        verdicts[h1].Status.ShouldBe(ChangeStatus.Verified);
    }

    [Fact]
    public async Task Verify_EveryRevertShaOnTheBranch_IsPairedWithTheChangeItReverts()
    {
        using var repo = new TestRepo();
        repo.At(T0).Commit("Initial", "README.md");
        var expected = new List<(string Revert, string Original)>();
        for (var i = 0; i < 12; i++)
        {
            var at = T0.AddDays(1 + i);
            string original;
            if (i % 3 == 0)
            {
                repo.Branch($"feat-{i}");
                repo.At(at).Commit($"Work {i}", $"src/F{i}.cs");
                repo.Checkout("main");
                original = repo.At(at.AddHours(1)).Merge($"feat-{i}", $"Merge pull request #{100 + i} from acme/feat-{i}", $"Feature {i}");
                expected.Add((repo.At(at.AddHours(2)).Revert(original, merge: true), original));
            }
            else
            {
                original = repo.At(at).Commit($"Change {i} (#{100 + i})", $"src/C{i}.cs");
                expected.Add((repo.At(at.AddHours(2)).Revert(original), original));
            }
        }

        var (changes, verdicts) = await ImportAndVerifyAsync(repo, LongAfter);

        var withShaLine = changes.Values.Where(c => c.Reverts.Any(r => r.Kind == RevertTargetKind.Sha)).ToList();
        withShaLine.Count.ShouldBe(expected.Count);
        foreach (var (revert, original) in expected)
        {
            verdicts[original].Reasons.ShouldContain(r => r.Kind == DisqualifierKind.Revert && r.By == changes[revert].Id && r.Evidence == "sha");
        }
    }

    [Fact]
    public async Task Import_Twice_ReadsOnlyNewCommits_AndAForcePushIsReadAgain()
    {
        using var repo = new TestRepo();
        repo.At(T0).Commit("Initial", "README.md");
        var keep = repo.At(T0.AddHours(1)).Commit("One (#1)", "a.txt");
        repo.At(T0.AddHours(2)).Commit("Two (#2)", "b.txt");
        await using var store = await TempStore.CreateAsync();
        var importer = new GitImporter(store.Store);

        var first = await importer.ImportAsync(repo.Path, "main", null, CancellationToken.None);
        first.Changes.ShouldBe(3);
        first.Incremental.ShouldBeFalse();

        var nothing = await importer.ImportAsync(repo.Path, "main", null, CancellationToken.None);
        nothing.Changes.ShouldBe(0);

        repo.At(T0.AddHours(3)).Commit("Three (#3)", "c.txt");
        var second = await importer.ImportAsync(repo.Path, "main", null, CancellationToken.None);
        second.Changes.ShouldBe(1);
        second.Incremental.ShouldBeTrue();
        second.HistoryRewritten.ShouldBeFalse();
        (await store.Store.ReadChangesAsync(ChangeFilter.All, CancellationToken.None)).Count.ShouldBe(4);

        repo.Git("reset", "-q", "--hard", keep);
        repo.At(T0.AddHours(4)).Commit("Four (#4)", "d.txt");
        var rewritten = await importer.ImportAsync(repo.Path, "main", null, CancellationToken.None);
        rewritten.HistoryRewritten.ShouldBeTrue();
        rewritten.Changes.ShouldBe(3);

        // Two and Three were pushed away: never merged, so they are no longer changes.
        rewritten.Removed.ShouldBe(2);
        (await store.Store.ReadChangesAsync(ChangeFilter.All, CancellationToken.None)).Select(c => c.Title)
            .ShouldBe(["Initial", "One (#1)", "Four (#4)"], ignoreOrder: true);
    }

    [Fact]
    public async Task Import_ForcePush_KeepsTheChangesOfAnotherImportedBranch()
    {
        using var repo = new TestRepo();
        repo.At(T0).Commit("Initial", "README.md");
        var keep = repo.At(T0.AddHours(1)).Commit("One (#1)", "a.txt");
        repo.Branch("release");
        repo.At(T0.AddHours(2)).Commit("Release fix (#5)", "r.txt");
        repo.Checkout("main");
        repo.At(T0.AddHours(3)).Commit("Two (#2)", "b.txt");
        await using var store = await TempStore.CreateAsync();
        var importer = new GitImporter(store.Store);
        await importer.ImportAsync(repo.Path, "release", null, CancellationToken.None);
        await importer.ImportAsync(repo.Path, "main", null, CancellationToken.None);

        repo.Git("reset", "-q", "--hard", keep);
        repo.At(T0.AddHours(4)).Commit("Four (#4)", "d.txt");
        var rewritten = await importer.ImportAsync(repo.Path, "main", null, CancellationToken.None);

        rewritten.HistoryRewritten.ShouldBeTrue();
        rewritten.Removed.ShouldBe(1);
        (await store.Store.ReadChangesAsync(ChangeFilter.All, CancellationToken.None)).Select(c => c.Title)
            .ShouldBe(["Initial", "One (#1)", "Release fix (#5)", "Four (#4)"], ignoreOrder: true);
    }

    [Fact]
    public async Task Import_SamePullRequestNumberTwice_KeepsTheFirstAsNumberAndTheLaterAsSha()
    {
        using var repo = new TestRepo();
        var first = repo.At(T0).Commit("Fix totals (#4)", "a.txt");
        await using var store = await TempStore.CreateAsync();
        await new GitImporter(store.Store).ImportAsync(repo.Path, null, null, CancellationToken.None);
        var copy = repo.At(T0.AddHours(1)).Commit("Fix totals (#4)", "a.txt");
        await new GitImporter(store.Store).ImportAsync(repo.Path, null, null, CancellationToken.None);

        var changes = (await store.Store.ReadChangesAsync(ChangeFilter.All, CancellationToken.None)).ToDictionary(c => c.Sha);
        changes[first].Id.ShouldBe("#4");
        changes[copy].Id.ShouldBe(copy);
    }

    [Fact]
    public async Task Import_NotARepository_FailsWithOneClearError()
    {
        var folder = Path.Combine(Path.GetTempPath(), "receipts-git-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        await using var store = await TempStore.CreateAsync();

        var e = await Should.ThrowAsync<GitException>(() => new GitImporter(store.Store).ImportAsync(folder, null, null, CancellationToken.None));

        e.Message.ShouldContain("is not a git repository");
        (await store.Store.ReadChangesAsync(ChangeFilter.All, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Import_UnknownBranch_FailsNamingIt()
    {
        using var repo = new TestRepo();
        repo.At(T0).Commit("Initial", "README.md");
        await using var store = await TempStore.CreateAsync();

        var e = await Should.ThrowAsync<GitException>(() => new GitImporter(store.Store).ImportAsync(repo.Path, "release/9", null, CancellationToken.None));

        e.Message.ShouldContain("release/9");
        e.Hint.ShouldNotBeNull();
    }

    [Fact]
    public async Task Import_ShallowClone_FailsAndSaysToUnshallow()
    {
        using var repo = new TestRepo();
        repo.At(T0).Commit("Initial", "README.md");
        repo.At(T0.AddHours(1)).Commit("Second", "a.txt");
        var clone = Path.Combine(Path.GetTempPath(), "receipts-git-tests", Guid.NewGuid().ToString("n"));
        repo.Git("clone", "-q", "--depth", "1", "file://" + repo.Path, clone);
        await using var store = await TempStore.CreateAsync();

        var e = await Should.ThrowAsync<GitException>(() => new GitImporter(store.Store).ImportAsync(clone, null, null, CancellationToken.None));

        e.Message.ShouldContain("shallow");
        e.Hint!.ShouldContain("git fetch --unshallow", Case.Sensitive);
        (await store.Store.ReadChangesAsync(ChangeFilter.All, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Import_DefaultBranch_IsOriginHeadsTarget()
    {
        using var repo = new TestRepo();
        repo.At(T0).Commit("Initial", "README.md");
        repo.At(T0.AddHours(1)).Commit("On main (#1)", "a.txt");
        var clone = Path.Combine(Path.GetTempPath(), "receipts-git-tests", Guid.NewGuid().ToString("n"));
        repo.Git("clone", "-q", repo.Path, clone);
        var cloneRepo = new TestRepoView(clone);
        cloneRepo.Git("checkout", "-q", "-b", "local-work");
        await using var store = await TempStore.CreateAsync();

        var result = await new GitImporter(store.Store).ImportAsync(clone, null, null, CancellationToken.None);

        result.Branch.ShouldBe("main");
        result.Changes.ShouldBe(2);
    }

    private static async Task<(Dictionary<string, Change> Changes, Dictionary<string, ChangeVerdict> Verdicts)> ImportAndVerifyAsync(TestRepo repo, DateTimeOffset asOf)
    {
        await using var store = await TempStore.CreateAsync();
        await new GitImporter(store.Store).ImportAsync(repo.Path, null, null, CancellationToken.None);
        var changes = await store.Store.ReadChangesAsync(ChangeFilter.All, CancellationToken.None);
        var verifier = new OutcomeVerifier(new WindowPolicy(DirectoryConfig.Empty, []), OutcomeRules.Default);
        var result = verifier.Verify(changes, [], asOf);
        return (changes.ToDictionary(c => c.Sha), result.Verdicts.ToDictionary(v => v.Change.Sha));
    }
}
