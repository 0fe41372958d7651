namespace Receipts.Bench.CorpusGen;

/// <summary>Ids in the shapes Claude Code and the Anthropic API use, drawn from the seeded random.</summary>
internal sealed class IdFactory(Random random)
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string Hex = "0123456789abcdef";

    public string MessageId() => "msg_01" + Draw(Base62, 22);

    public string RequestId() => "req_011C" + Draw(Base62, 20);

    public string ToolUseId() => "toolu_01" + Draw(Base62, 22);

    /// <summary>A subagent id: 17 hex characters in newer builds, 8 in the old flat layout.</summary>
    public string AgentId(bool legacy) => legacy ? Draw(Hex, 8) : "a" + Draw(Hex, 16);

    public string Uuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }

    private string Draw(string alphabet, int length) =>
        string.Create(length, (alphabet, random), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.random.Next(state.alphabet.Length)];
            }
        });
}
