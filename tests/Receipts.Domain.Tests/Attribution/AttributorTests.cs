using Receipts.Domain.Attribution;
using Receipts.Domain.Usage;

namespace Receipts.Domain.Tests.Attribution;

public sealed class AttributorTests
{
    // Each project is reachable by exactly one rule, so a test can make any pair of rules disagree.
    private static readonly AttributionDirectory Directory = new(
        [
            new ProjectDefinition { Name = "tagged", Team = "t-tag" },
            new ProjectDefinition { Name = "keyed", Team = "t-key", KeyAliases = ["payments-dev"] },
            new ProjectDefinition { Name = "repo", Team = "t-repo", Repos = ["github.com/acme/payments"] },
            new ProjectDefinition { Name = "ticket", Team = "t-ticket", TicketPrefixes = ["PAY"] },
            new ProjectDefinition { Name = "path", Team = "t-path", PathGlobs = ["~/src/legacy/**"] },
            new ProjectDefinition { Name = "person-default", Team = "t-person" },
            new ProjectDefinition { Name = "fixed", Team = "t-fix" },
        ],
        [new PersonDefinition { Name = "sarah", Team = "t-person", Aliases = ["sarah@acme.com", "sarah"] }],
        [new TeamDefinition { Name = "t-person", DefaultProject = "person-default" }]);

    private static UsageRecord Bare(string id = "r1") => new()
    {
        Id = id,
        SourceKind = "test",
        At = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero),
        Provider = "anthropic",
        Model = "claude-sonnet-4-5",
        Tokens = new TokenCounts(1, 1, 0, 0, 0),
    };

    private static readonly Dictionary<AttributionMethod, Func<UsageRecord, UsageRecord>> Rule = new()
    {
        [AttributionMethod.Tag] = r => r with { Tags = new Dictionary<string, string> { ["project"] = "tagged" } },
        [AttributionMethod.KeyAlias] = r => r with { ApiKeyAlias = "payments-dev" },
        [AttributionMethod.Repo] = r => r with { Repo = "https://GitHub.com/acme/payments.git" },
        [AttributionMethod.Ticket] = r => r with { TicketIds = ["PAY-123"] },
        [AttributionMethod.Path] = r => r with { Cwd = "/home/alice/src/legacy/api" },
        [AttributionMethod.PersonDefault] = r => r with { Person = "sarah@acme.com" },
    };

    private static readonly Dictionary<AttributionMethod, string> ProjectOf = new()
    {
        [AttributionMethod.Tag] = "tagged",
        [AttributionMethod.KeyAlias] = "keyed",
        [AttributionMethod.Repo] = "repo",
        [AttributionMethod.Ticket] = "ticket",
        [AttributionMethod.Path] = "path",
        [AttributionMethod.PersonDefault] = "person-default",
    };

    public static TheoryData<AttributionMethod> Rules() => new(Rule.Keys);

    public static TheoryData<AttributionMethod, AttributionMethod> StrongerWeaker()
    {
        var data = new TheoryData<AttributionMethod, AttributionMethod>();
        foreach (var strong in Rule.Keys)
        {
            foreach (var weak in Rule.Keys.Where(w => w > strong))
            {
                data.Add(strong, weak);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Attribute_RuleAlone_PlacesRecordWithItsConfidence(AttributionMethod method)
    {
        var attribution = new Attributor(Directory, []).Attribute(Rule[method](Bare()));

        attribution.Project.ShouldBe(ProjectOf[method]);
        attribution.Method.ShouldBe(method);
        attribution.Confidence.ShouldBe(Attributor.ConfidenceOf(method));
        attribution.Team.ShouldBe(Directory.Project(ProjectOf[method])!.Team);
        attribution.IsDisagreement.ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(StrongerWeaker))]
    public void Attribute_StrongerRuleWins_AndAStrongLoserIsADisagreement(AttributionMethod strong, AttributionMethod weak)
    {
        var attribution = new Attributor(Directory, []).Attribute(Rule[weak](Rule[strong](Bare())));

        attribution.Project.ShouldBe(ProjectOf[strong]);
        attribution.Method.ShouldBe(strong);
        var loserIsStrong = Attributor.ConfidenceOf(weak) >= 0.8m;
        attribution.IsDisagreement.ShouldBe(loserIsStrong);
        if (loserIsStrong)
        {
            attribution.Conflicts.Single().ShouldBe(new AttributionCandidate(ProjectOf[weak], weak, Attributor.ConfidenceOf(weak)));
        }
    }

    [Fact]
    public void Attribute_NoRule_IsUnattributed()
    {
        new Attributor(Directory, []).Attribute(Bare() with { Repo = "github.com/other/thing", Cwd = "/tmp/x" })
            .ShouldBe(AttributionResult.Unattributed);
    }

    [Fact]
    public void Attribute_TagNamingUnknownProject_DoesNotCreateABucket()
    {
        var r = Bare() with { Tags = new Dictionary<string, string> { ["project"] = "nope" }, Repo = "github.com/acme/payments" };

        var attribution = new Attributor(Directory, []).Attribute(r);

        attribution.Project.ShouldBe("repo");
        attribution.Method.ShouldBe(AttributionMethod.Repo);
    }

    [Fact]
    public void Attribute_Correction_BeatsEveryRule_AndLaterCorrectionWins()
    {
        var r = Rule[AttributionMethod.Tag](Bare() with { SessionId = "s1", Branch = "feat/x" });
        var t0 = new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero);
        Correction[] corrections =
        [
            new("c1", t0, "alice", "wrong", CorrectionTarget.Session, "s1", "path"),
            new("c2", t0.AddHours(1), "bob", "really", CorrectionTarget.Branch, "feat/x", "fixed"),
            new("c3", t0.AddHours(2), "carol", "other repo only", CorrectionTarget.Branch, "feat/x", "keyed", Repo: "github.com/acme/other"),
        ];

        var attribution = new Attributor(Directory, corrections).Attribute(r);

        attribution.ShouldBe(new AttributionResult("fixed", "t-fix", AttributionMethod.Correction, 1.0m, []));
    }

    [Fact]
    public void Attribute_TeamTagWithoutProject_UsesTeamDefault()
    {
        var r = Bare() with { Tags = new Dictionary<string, string> { ["team"] = "t-person" } };

        var attribution = new Attributor(Directory, []).Attribute(r);

        attribution.Project.ShouldBe("person-default");
        attribution.Method.ShouldBe(AttributionMethod.Tag);
    }
}
