using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Receipts.Sources.Git;

/// <summary>
/// Parses, as it streams, the output of <c>git log -z --format=<see cref="Format"/> --name-status</c>:
/// each record starts with U+001E, then hash, parents, author name, author email, committer date,
/// decorations and the raw message separated by U+001F, the message ends with U+001F NUL, then the
/// NUL-separated name-status entries (<c>M\0path\0</c>, <c>R100\0old\0new\0</c>).
/// A record that does not parse is counted in <see cref="Malformed"/> and skipped, never thrown.
/// </summary>
internal sealed class GitLogParser
{
    /// <summary>The <c>--format</c> this parser reads.</summary>
    public const string Format = "%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%cI%x1f%D%x1f%B%x1f";

    private const char RecordStart = '\u001e';
    private const char FieldEnd = '\u001f';

    public int Malformed { get; private set; }

    public async IAsyncEnumerable<GitCommit> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var buffer = new char[1 << 16];
        var pending = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != RecordStart)
                {
                    continue;
                }

                pending.Append(buffer, start, i - start);
                start = i + 1;
                if (pending.Length > 0 && Parse(pending.ToString()) is { } commit)
                {
                    yield return commit;
                }

                pending.Clear();
            }

            pending.Append(buffer, start, read - start);
        }

        if (pending.Length > 0 && Parse(pending.ToString()) is { } last)
        {
            yield return last;
        }
    }

    private GitCommit? Parse(string record)
    {
        // Header: six fields ending with U+001F, then the message up to U+001F NUL.
        var fields = new string[6];
        var position = 0;
        for (var f = 0; f < fields.Length; f++)
        {
            var end = record.IndexOf(FieldEnd, position);
            if (end < 0)
            {
                return Skip();
            }

            fields[f] = record[position..end];
            position = end + 1;
        }

        var messageEnd = record.IndexOf("\u001f\0", position, StringComparison.Ordinal);
        if (messageEnd < 0)
        {
            return Skip();
        }

        var message = record[position..messageEnd];
        // %cI is strict ISO 8601: the exact form parses several times faster than the general one.
        if (fields[0].Length < 40
            || (!DateTimeOffset.TryParseExact(fields[4], "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var committedAt)
                && !DateTimeOffset.TryParse(fields[4], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out committedAt)))
        {
            return Skip();
        }

        return new GitCommit
        {
            Sha = fields[0],
            Parents = fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries),
            AuthorName = fields[2],
            AuthorEmail = fields[3],
            CommittedAt = committedAt.ToUniversalTime(),
            Tags = Tags(fields[5]),
            Message = message,
            Files = Files(record, messageEnd + 2),
        };
    }

    private static string[] Tags(string decorations)
    {
        // Most commits carry no tag: no split, no list.
        if (!decorations.Contains("tag: ", StringComparison.Ordinal))
        {
            return [];
        }

        var tags = new List<string>();
        foreach (var d in decorations.Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (d.StartsWith("tag: ", StringComparison.Ordinal))
            {
                tags.Add(d["tag: ".Length..]);
            }
        }

        return [.. tags];
    }

    private static List<GitFileChange> Files(string record, int start)
    {
        // NUL-separated tokens read in place: one string per path, nothing else allocated per entry.
        var files = new List<GitFileChange>();
        var position = start;
        while (Next(record, ref position) is { } status)
        {
            var trimmed = status.Span.Trim("\n\r ");
            if (trimmed.IsEmpty || !char.IsAsciiLetterUpper(trimmed[0]))
            {
                continue;
            }

            var letter = trimmed[0];
            if (letter is 'R' or 'C')
            {
                if (Next(record, ref position) is not { } old || Next(record, ref position) is not { } path)
                {
                    break;
                }

                files.Add(new GitFileChange(letter, path.ToString(), old.ToString()));
            }
            else if (Next(record, ref position) is { } path)
            {
                files.Add(new GitFileChange(letter, path.ToString(), null));
            }
        }

        return files;
    }

    /// <summary>The next NUL-terminated token from <paramref name="position"/> (the last may be unterminated), or null at the end.</summary>
    private static ReadOnlyMemory<char>? Next(string record, ref int position)
    {
        if (position >= record.Length)
        {
            return null;
        }

        var end = record.IndexOf('\0', position);
        if (end < 0)
        {
            end = record.Length;
        }

        var token = record.AsMemory(position, end - position);
        position = end + 1;
        return token;
    }

    private GitCommit? Skip()
    {
        Malformed++;
        return null;
    }
}
