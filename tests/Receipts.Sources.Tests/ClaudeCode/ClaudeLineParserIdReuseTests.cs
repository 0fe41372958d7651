using System.Text;
using Receipts.Sources.ClaudeCode;

namespace Receipts.Sources.Tests.ClaudeCode;

/// <summary>The parser reuses a response's id strings and key while consecutive lines repeat them: values stay exact.</summary>
public sealed class ClaudeLineParserIdReuseTests
{
    private static string Line(string messageId, string? requestId, int output, string session = "s1", string at = "2026-11-20T10:00:00.000Z")
    {
        var request = requestId is null ? string.Empty : $"\"requestId\":\"{requestId}\",";
        return "{\"type\":\"assistant\",\"sessionId\":\"" + session + "\"," + request + "\"timestamp\":\"" + at + "\",\"message\":{\"id\":\"" + messageId
            + "\",\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}],\"usage\":{\"input_tokens\":1,\"output_tokens\":" + output + "}}}";
    }

    private static ClaudeEntry Parse(ClaudeLineParser parser, string line)
    {
        var entry = parser.Parse(Encoding.UTF8.GetBytes(line), "f.jsonl", "file-session", out var reason);
        reason.ShouldBeNull();
        return entry.ShouldNotBeNull();
    }

    [Fact]
    public void RepeatedIds_GiveTheSameValues_AndAChangedIdGivesTheNewOne()
    {
        var parser = new ClaudeLineParser();

        var a1 = Parse(parser, Line("msg_a", "req_a", 1));
        var a2 = Parse(parser, Line("msg_a", "req_a", 2));
        var b = Parse(parser, Line("msg_b", "req_a", 3));
        var c = Parse(parser, Line("msg_b", "req_c", 4));
        var a3 = Parse(parser, Line("msg_a", "req_a", 5));

        (a1.MessageId, a1.RequestId, a1.Key).ShouldBe(("msg_a", "req_a", "msg_a/req_a"));
        (a2.MessageId, a2.RequestId, a2.Key).ShouldBe(("msg_a", "req_a", "msg_a/req_a"));
        (b.MessageId, b.RequestId, b.Key).ShouldBe(("msg_b", "req_a", "msg_b/req_a"));
        (c.MessageId, c.RequestId, c.Key).ShouldBe(("msg_b", "req_c", "msg_b/req_c"));
        (a3.MessageId, a3.RequestId, a3.Key).ShouldBe(("msg_a", "req_a", "msg_a/req_a"));
        a2.Output.ShouldBe(2);
    }

    [Fact]
    public void EscapedIds_AreUnescaped_AndComparedByValue()
    {
        var parser = new ClaudeLineParser();

        var plain = Parse(parser, Line("msg_x", "req_1", 1));
        var escaped = Parse(parser, Line("msg_\\u0078", "req_\\u0031", 2));
        var prefix = Parse(parser, Line("msg_xy", "req_12", 3));

        escaped.MessageId.ShouldBe("msg_x");
        escaped.Key.ShouldBe(plain.Key);
        (prefix.MessageId, prefix.RequestId, prefix.Key).ShouldBe(("msg_xy", "req_12", "msg_xy/req_12"));
    }

    [Fact]
    public void WithoutARequestId_TheKeyStillFollowsTheSessionAndInstant()
    {
        var parser = new ClaudeLineParser();

        var first = Parse(parser, Line("local-1", null, 1, "s1", "2026-11-20T10:00:00.000Z"));
        var otherSession = Parse(parser, Line("local-1", null, 1, "s2", "2026-11-20T10:00:00.000Z"));
        var otherInstant = Parse(parser, Line("local-1", null, 1, "s2", "2026-11-20T11:00:00.000Z"));

        new[] { first.Key, otherSession.Key, otherInstant.Key }.Distinct(StringComparer.Ordinal).Count().ShouldBe(3);
        first.Key.ShouldBe(ClaudeLineParser.Key("local-1", null, "s1", new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void AnEmptyOrMissingId_IsNull_EvenRightAfterAnotherLine()
    {
        var parser = new ClaudeLineParser();

        Parse(parser, Line("msg_a", "req_a", 1));
        var empty = Parse(parser, Line(string.Empty, "req_a", 1));

        empty.MessageId.ShouldBeNull();
        empty.RequestId.ShouldBe("req_a");
        empty.Key.ShouldBe("/req_a");
    }
}
