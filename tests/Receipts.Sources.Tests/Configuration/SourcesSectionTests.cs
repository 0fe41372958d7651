using Receipts.Sources.Configuration;

namespace Receipts.Sources.Tests.Configuration;

public sealed class SourcesSectionTests
{
    [Fact]
    public void Parse_Sources_KeepsOrderFieldsAndNamesRepeatedKinds()
    {
        var directory = DirectoryLoader.Parse(
            """
            sources:
              - { kind: anthropic, key_env: ANTHROPIC_ADMIN_KEY, api_url: "https://api.anthropic.com" }
              - { kind: focus, path: /exports/*.csv }
              - { kind: github, repo: acme/payments }
              - { kind: github, repo: acme/ledger }
              - { kind: claude-code }
              - kind: langsmith
                name: langsmith-prod
                projects: [p1, p2]
            """,
            "receipts.yaml");

        directory.Sources.Select(s => s.Name).ShouldBe(["anthropic", "focus", "github", "github#2", "claude-code", "langsmith-prod"]);
        directory.Sources[0].Get("key_env").ShouldBe("ANTHROPIC_ADMIN_KEY");
        directory.Sources[3].Get("repo").ShouldBe("acme/ledger");
        directory.Sources[5].Get("projects").ShouldBe("p1,p2");
        directory.Sources[2].Line.ShouldBe(4);
    }

    [Theory]
    [InlineData("- { kind: bitbucket }", "sources[0].kind", "unknown source kind 'bitbucket'")]
    [InlineData("- { kind: github }", "sources[0].repo", "needs repo")]
    [InlineData("- { kind: cursor, key: sk-123 }", "sources[0].key", "unknown field")]
    [InlineData("- { kind: helicone, api_url: not-a-url }", "sources[0].api_url", "not an http(s) URL")]
    [InlineData("- { repo: x }", "sources[0].kind", "missing")]
    public void Parse_BadSource_NamesLineAndField(string entry, string field, string problem)
    {
        var e = Should.Throw<DirectoryFileException>(() => DirectoryLoader.Parse("sources:\n  " + entry + "\n", "receipts.yaml"));

        e.Message.ShouldContain("receipts.yaml:2");
        e.Message.ShouldContain(field);
        e.Message.ShouldContain(problem);
    }
}
