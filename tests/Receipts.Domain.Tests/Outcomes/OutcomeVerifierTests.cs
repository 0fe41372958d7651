using Receipts.Domain.Directory;
using Receipts.Domain.Outcomes;

namespace Receipts.Domain.Tests.Outcomes;

public sealed class OutcomeVerifierTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);
    private static int _sha;

    private static Change Change(string id, DateTimeOffset at, string title = "Work", string[]? files = null, RevertReference[]? reverts = null, string[]? tickets = null, string repo = "github.com/acme/payments") => new()
    {
        Repo = repo,
        Id = id,
        Sha = (Interlocked.Increment(ref _sha).ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + new string('0', 32)),
        Number = id.StartsWith('#') ? int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture) : null,
        MergedAt = at,
        Title = title,
        Files = files ?? ["src/a.cs"],
        Reverts = reverts ?? [],
        Tickets = tickets ?? [],
        Source = "test",
    };

    private static RevertReference[] RevertsSha(Change target) => [new RevertReference(RevertTargetKind.Sha, target.Sha)];

    private static VerificationResult Verify(IEnumerable<Change> changes, DateTimeOffset asOf, IEnumerable<TicketEvent>? events = null, WindowPolicy? policy = null, OutcomeRules? rules = null) =>
        new OutcomeVerifier(policy ?? new WindowPolicy(DirectoryConfig.Empty, []), rules ?? OutcomeRules.Default).Verify(changes, events ?? [], asOf);

    private static ChangeVerdict Of(VerificationResult result, Change change) => result.Verdicts.Single(v => v.Change.Id == change.Id);

    [Fact]
    public void Verify_WindowNotElapsed_IsPending_AndNotCounted()
    {
        var c = Change("#1", T0);
        var result = Verify([c], T0.AddDays(13.9));
        Of(result, c).Status.ShouldBe(ChangeStatus.Pending);
        result.Totals.Attempted.ShouldBe(0);
        result.Totals.Pending.ShouldBe(1);
        result.Totals.VerifiedShare.ShouldBeNull();
    }

    [Fact]
    public void Verify_WindowEndsExactlyAtAsOf_IsVerified()
    {
        var c = Change("#1", T0);
        var result = Verify([c], T0.AddDays(14));
        Of(result, c).Status.ShouldBe(ChangeStatus.Verified);
        Of(result, c).WindowEndsAt.ShouldBe(T0.AddDays(14));
        result.Totals.VerifiedShare.ShouldBe(1m);
    }

    [Fact]
    public void Verify_RevertInsideWindowBeforeAsOf_DisqualifiesAtOnce_EvenWhileTheWindowIsOpen()
    {
        var c = Change("#1", T0);
        var r = Change("#2", T0.AddDays(2), "Revert \"Work\"", reverts: RevertsSha(c));
        var result = Verify([c, r], T0.AddDays(3));
        Of(result, c).Status.ShouldBe(ChangeStatus.Disqualified);
        Of(result, c).Reasons.ShouldHaveSingleItem().ShouldBe(new Disqualifier(DisqualifierKind.Revert, "#2", T0.AddDays(2), "sha"));
        result.Totals.Attempted.ShouldBe(1);
        result.Totals.Disqualified.ShouldBe(1);
    }

    [Fact]
    public void Verify_RevertAfterAsOf_IsNotSeenYet()
    {
        var c = Change("#1", T0);
        var r = Change("#2", T0.AddDays(5), reverts: RevertsSha(c));
        Of(Verify([c, r], T0.AddDays(4)), c).Status.ShouldBe(ChangeStatus.Pending);
    }

    [Fact]
    public void Verify_RevertExactlyAtWindowEnd_Counts_OneSecondLater_DoesNot()
    {
        var c = Change("#1", T0);
        var atEnd = Change("#2", T0.AddDays(14), reverts: RevertsSha(c));
        Of(Verify([c, atEnd], T0.AddDays(30)), c).Status.ShouldBe(ChangeStatus.Disqualified);

        var late = Change("#3", T0.AddDays(14).AddSeconds(1), reverts: RevertsSha(c));
        Of(Verify([c, late], T0.AddDays(30)), c).Status.ShouldBe(ChangeStatus.Verified);
    }

    [Fact]
    public void Verify_ReappliedInsideTheWindow_RestoresTheOriginal()
    {
        var c = Change("#1", T0);
        var r = Change("#2", T0.AddDays(1), reverts: RevertsSha(c));
        var reapply = Change("#3", T0.AddDays(2), reverts: [new RevertReference(RevertTargetKind.Sha, r.Sha, IsReapply: true)]);
        var result = Verify([c, r, reapply], T0.AddDays(30));
        Of(result, c).Status.ShouldBe(ChangeStatus.Verified);
        Of(result, r).Reasons.ShouldHaveSingleItem().By.ShouldBe("#3");

        // Judged before the reapply landed, the original stood reverted.
        Of(Verify([c, r, reapply], T0.AddDays(1.5)), c).Status.ShouldBe(ChangeStatus.Disqualified);
    }

    [Fact]
    public void Verify_ReappliedAfterTheWindow_StaysDisqualified()
    {
        var c = Change("#1", T0);
        var r = Change("#2", T0.AddDays(1), reverts: RevertsSha(c));
        var reapply = Change("#3", T0.AddDays(20), reverts: RevertsSha(r));
        Of(Verify([c, r, reapply], T0.AddDays(40)), c).Status.ShouldBe(ChangeStatus.Disqualified);
    }

    [Fact]
    public void Verify_RevertedAgainAfterReapply_Disqualifies()
    {
        var c = Change("#1", T0);
        var r1 = Change("#2", T0.AddDays(1), reverts: RevertsSha(c));
        var r2 = Change("#3", T0.AddDays(2), reverts: RevertsSha(r1));
        var r3 = Change("#4", T0.AddDays(3), reverts: RevertsSha(r2));
        var verdict = Of(Verify([c, r1, r2, r3], T0.AddDays(40)), c);
        verdict.Status.ShouldBe(ChangeStatus.Disqualified);
        verdict.Reasons.ShouldHaveSingleItem().By.ShouldBe("#2");
    }

    [Fact]
    public void Verify_ShaOfNoChange_WithPlainSubject_DisqualifiesNothing()
    {
        // A squash body quoting a branch-local revert: not a post-merge failure.
        var c = Change("#1", T0, files: ["src/a.cs"]);
        var squash = Change("#2", T0.AddDays(1), "Add b (#2)", files: ["src/a.cs"], reverts: [new RevertReference(RevertTargetKind.Sha, "deadbeefcafe")]);
        Of(Verify([c, squash], T0.AddDays(30)), c).Status.ShouldBe(ChangeStatus.Verified);
    }

    [Fact]
    public void Verify_UnresolvedRevert_FallsBackToTouchedFiles()
    {
        var c = Change("#1", T0, files: ["src/a.cs"]);
        var unrelated = Change("#2", T0, files: ["src/b.cs"]);
        var revert = Change("#3", T0.AddDays(1), "revert: globToRegex removal", files: ["src/a.cs"]);
        var result = Verify([c, unrelated, revert], T0.AddDays(30));
        Of(result, c).Reasons.ShouldHaveSingleItem().ShouldBe(new Disqualifier(DisqualifierKind.Revert, "#3", T0.AddDays(1), "files"));
        Of(result, unrelated).Status.ShouldBe(ChangeStatus.Verified);
    }

    [Fact]
    public void Verify_SubjectReference_MatchesTruncatedTitle()
    {
        var c = Change("#1", T0, "Use PRAGMA defer_foreign_keys instead of PRAGMA foreign_keys when migrating");
        var r = Change("#2", T0.AddDays(1), "Revert \"Use PRAGMA defer_foreign_keys instead of PRAGMA foreign_keys when…\"", files: ["other.cs"],
            reverts: [new RevertReference(RevertTargetKind.Subject, "Use PRAGMA defer_foreign_keys instead of PRAGMA foreign_keys when…")]);
        Of(Verify([c, r], T0.AddDays(30)), c).Reasons.ShouldHaveSingleItem().Evidence.ShouldBe("subject");
    }

    [Fact]
    public void Verify_AmbiguousAbbreviatedSha_PairsWithNothing()
    {
        var a = Change("#1", T0) with { Sha = "abcdef1" + new string('1', 33) };
        var b = Change("#2", T0) with { Sha = "abcdef1" + new string('2', 33) };
        var r = Change("#3", T0.AddDays(1), "Back out", files: ["x.cs"], reverts: [new RevertReference(RevertTargetKind.Sha, "abcdef1")]);
        var result = Verify([a, b, r], T0.AddDays(30));
        Of(result, a).Status.ShouldBe(ChangeStatus.Verified);
        Of(result, b).Status.ShouldBe(ChangeStatus.Verified);
    }

    [Fact]
    public void Verify_Hotfix_UsesPatternLabelsAndAreaDepth()
    {
        var c = Change("#1", T0, files: ["src/payments/Refund.cs"]);
        var labelled = Change("#2", T0.AddHours(10), "Null check", files: ["src/payments/Other.cs"]) with { Labels = ["urgent-fix"] };
        var rules = OutcomeRules.Default with { HotfixPattern = "hotfix|urgent-fix" };

        Of(Verify([c, labelled], T0.AddDays(30), rules: rules), c).Status.ShouldBe(ChangeStatus.Verified);
        var byDirectory = Of(Verify([c, labelled], T0.AddDays(30), rules: rules with { AreaDepth = 2 }), c);
        byDirectory.Reasons.ShouldHaveSingleItem().ShouldBe(new Disqualifier(DisqualifierKind.Hotfix, "#2", T0.AddHours(10), "directory"));
    }

    [Fact]
    public void Verify_HotfixAt72HoursCounts_After72HoursDoesNot()
    {
        var c = Change("#1", T0);
        var at72 = Change("#2", T0.AddHours(72), "hotfix: x");
        Of(Verify([c, at72], T0.AddDays(30)), c).Status.ShouldBe(ChangeStatus.Disqualified);
        var after = Change("#3", T0.AddHours(72).AddMinutes(1), "hotfix: x");
        Of(Verify([c, after], T0.AddDays(30)), c).Status.ShouldBe(ChangeStatus.Verified);
    }

    [Fact]
    public void Verify_HotfixBeyondAShortWindow_DoesNotCount()
    {
        var c = Change("#1", T0);
        var h = Change("#2", T0.AddHours(36), "hotfix: x");
        var policy = new WindowPolicy(DirectoryConfig.Empty, [], overrideDays: 1);
        Of(Verify([c, h], T0.AddDays(30), policy: policy), c).Status.ShouldBe(ChangeStatus.Verified);
    }

    [Fact]
    public void Verify_ReopenOfLinkedTicketInsideWindow_Disqualifies_CompletedAndLateDoNot()
    {
        var c = Change("#1", T0, tickets: ["PAY-12"]);
        TicketEvent Event(string id, TicketEventKind kind, DateTimeOffset at, string ticket = "pay-12") =>
            new() { Id = id, Tracker = "jira", TicketId = ticket, Kind = kind, At = at };

        Of(Verify([c], T0.AddDays(30), [Event("e1", TicketEventKind.Completed, T0.AddDays(1))]), c).Status.ShouldBe(ChangeStatus.Verified);
        Of(Verify([c], T0.AddDays(30), [Event("e2", TicketEventKind.Reopened, T0.AddDays(15))]), c).Status.ShouldBe(ChangeStatus.Verified);
        Of(Verify([c], T0.AddDays(30), [Event("e3", TicketEventKind.Reopened, T0.AddDays(1), "PAY-13")]), c).Status.ShouldBe(ChangeStatus.Verified);
        Of(Verify([c], T0.AddDays(30), [Event("e4", TicketEventKind.Reopened, T0.AddDays(-1))]), c).Status.ShouldBe(ChangeStatus.Verified);

        var reopened = Of(Verify([c], T0.AddDays(30), [Event("e5", TicketEventKind.Reopened, T0.AddDays(3))]), c);
        reopened.Reasons.ShouldHaveSingleItem().ShouldBe(new Disqualifier(DisqualifierKind.Reopen, "pay-12", T0.AddDays(3), "ticket"));
    }

    [Fact]
    public void Verify_UsesTheTeamWindowInForceAtTheMerge()
    {
        var directory = new DirectoryConfig
        {
            Teams = new Dictionary<string, TeamConfig> { ["payments"] = new() { Name = "payments", WindowDays = 30 } },
            Projects = new Dictionary<string, ProjectConfig> { ["api"] = new() { Name = "api", Team = "payments", Repos = ["github.com/acme/payments"] } },
        };
        var history = new[] { new TeamWindowChange("payments", 7, 21, "sarah", T0.AddDays(10), "release train") };
        var before = Change("#1", T0);
        var after = Change("#2", T0.AddDays(11));
        var elsewhere = Change("#3", T0, repo: "github.com/acme/other");

        var result = Verify([before, after, elsewhere], T0.AddDays(100), policy: new WindowPolicy(directory, history));

        Of(result, before).WindowDays.ShouldBe(7);
        Of(result, before).Team.ShouldBe("payments");
        Of(result, after).WindowDays.ShouldBe(21);
        Of(result, elsewhere).WindowDays.ShouldBe(14);
        Of(result, elsewhere).Team.ShouldBeNull();

        var overridden = Verify([before, after], T0.AddDays(100), policy: new WindowPolicy(directory, history, overrideDays: 3));
        overridden.Verdicts.ShouldAllBe(v => v.WindowDays == 3);
    }

    [Fact]
    public void Verify_Totals_CountFinalVerdictsOnly()
    {
        var a = Change("#1", T0);
        var b = Change("#2", T0, files: ["b.cs"]);
        var r = Change("#3", T0.AddDays(1), files: ["r.cs"], reverts: RevertsSha(b));
        var pending = Change("#4", T0.AddDays(20), files: ["p.cs"]);
        var totals = Verify([a, b, r, pending], T0.AddDays(25)).Totals;
        totals.ShouldBe(new VerificationTotals(Attempted: 3, Verified: 2, Disqualified: 1, Pending: 1, Reverted: 1, Hotfixed: 0, Reopened: 0));
        totals.VerifiedShare.ShouldBe(0.6667m);
    }

    [Fact]
    public void Verify_ChangesOfOtherRepos_NeverPair()
    {
        var c = Change("#1", T0);
        var r = Change("#2", T0.AddDays(1), reverts: [new RevertReference(RevertTargetKind.PullRequest, "1")], repo: "github.com/acme/other");
        Of(Verify([c, r], T0.AddDays(30)), c).Status.ShouldBe(ChangeStatus.Verified);
    }
}
