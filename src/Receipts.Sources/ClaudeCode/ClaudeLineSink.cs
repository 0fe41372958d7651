using Receipts.Sources.Context;

namespace Receipts.Sources.ClaudeCode;

/// <summary>Feeds one file's lines to the parser and the de-duplication map, counting the bad ones.</summary>
internal sealed class ClaudeLineSink(ClaudeLineParser parser, ClaudeDedupeMap map, DiagnosticLog log, string file) : ILineSink
{
    private readonly string _fileSession = Path.GetFileNameWithoutExtension(file);

    public void OnLine(ReadOnlySpan<byte> line, long lineNumber, bool compacted)
    {
        // Only lines that mention "usage" can carry it; the rest are checked for shape only, never parsed.
        if (line.IndexOf("\"usage\""u8) < 0)
        {
            var trimmed = line.Trim(" \t"u8);
            if (trimmed.Length > 0 && (trimmed[0] != (byte)'{' || trimmed[^1] != (byte)'}'))
            {
                log.Skip(file, lineNumber, "malformed JSON");
            }

            return;
        }

        var entry = parser.Parse(line, file, _fileSession, out var reason);
        if (entry is not null)
        {
            map.Add(entry);
        }
        else if (reason is not null)
        {
            log.Skip(file, lineNumber, reason);
        }
    }

    public void OnOversizedLine(long lineNumber) =>
        log.Skip(file, lineNumber, "line too large to parse even without its long strings");
}
