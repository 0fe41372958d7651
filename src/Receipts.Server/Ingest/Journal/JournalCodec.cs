using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Server.Ingest.Journal;

/// <summary>
/// The journal's frame: <c>[payload length u32][CRC-32 of the payload u32][payload]</c>, little-endian. The payload
/// is one <see cref="JournalEntry"/>: every field of every record, written in declaration order, so a replayed
/// record equals the one that was acknowledged. A frame whose length or checksum does not hold is a torn write
/// (the process died inside it, before it was acknowledged) and ends the file.
/// </summary>
internal static class JournalCodec
{
    internal const int HeaderBytes = 8;

    /// <summary>Bumped whenever the payload changes shape; a journal of another version is refused, never misread.</summary>
    private const byte Version = 1;

    public static void WriteFrame(Stream output, JournalEntry entry)
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            Write(writer, entry);
        }

        var bytes = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        Span<byte> header = stackalloc byte[HeaderBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)bytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32.HashToUInt32(bytes));
        output.Write(header);
        output.Write(bytes);
    }

    /// <summary>The frame at the start of <paramref name="data"/>, or null when what is there is not a whole, intact frame.</summary>
    public static JournalEntry? TryReadFrame(ReadOnlySpan<byte> data, out int consumed)
    {
        consumed = 0;
        if (data.Length < HeaderBytes)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(data);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (length > data.Length - HeaderBytes)
        {
            return null;
        }

        var payload = data.Slice(HeaderBytes, (int)length);
        if (Crc32.HashToUInt32(payload) != crc)
        {
            return null;
        }

        using var stream = new MemoryStream(payload.ToArray(), writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var entry = Read(reader);
        consumed = HeaderBytes + (int)length;
        return entry;
    }

    private static void Write(BinaryWriter w, JournalEntry entry)
    {
        w.Write(Version);
        w.Write(entry.Sequence);
        w.Write(entry.Records.Count);
        foreach (var r in entry.Records)
        {
            w.Write(r.Id);
            w.Write(r.SourceKind);
            WriteNullable(w, r.SourceName);
            w.Write(r.At.UtcTicks);
            w.Write(r.Provider);
            w.Write(r.Model);
            WriteNullable(w, r.ServiceTier);
            WriteNullable(w, r.Speed);
            WriteNullable(w, r.InferenceGeo);
            w.Write(r.Tokens.Input);
            w.Write(r.Tokens.Output);
            w.Write(r.Tokens.CacheRead);
            w.Write(r.Tokens.CacheWrite5m);
            w.Write(r.Tokens.CacheWrite1h);
            w.Write(r.WebSearchRequests);
            w.Write(r.Requests);
            w.Write(r.Cost.HasValue);
            if (r.Cost is { } cost)
            {
                w.Write(cost);
            }

            w.Write((int)r.CostBasis);
            w.Write(r.Currency);
            WriteNullable(w, r.MessageId);
            WriteNullable(w, r.RequestId);
            w.Write(r.IsSidechain);
            WriteNullable(w, r.ApiKeyId);
            WriteNullable(w, r.ApiKeyAlias);
            WriteNullable(w, r.Workspace);
            WriteNullable(w, r.Person);
            WriteNullable(w, r.Account);
            WriteNullable(w, r.MachineUser);
            WriteNullable(w, r.SessionId);
            WriteNullable(w, r.Tool);
            WriteNullable(w, r.ToolVersion);
            WriteNullable(w, r.Repo);
            WriteNullable(w, r.Branch);
            WriteNullable(w, r.Cwd);
            w.Write(r.TicketIds.Count);
            foreach (var ticket in r.TicketIds)
            {
                w.Write(ticket);
            }

            w.Write(r.Tags.Count);
            foreach (var (key, value) in r.Tags)
            {
                w.Write(key);
                w.Write(value);
            }
        }

        w.Write(entry.Cursors.Count);
        foreach (var cursor in entry.Cursors)
        {
            w.Write(cursor.Source);
            w.Write(cursor.Key);
            w.Write(cursor.State);
        }
    }

    private static JournalEntry Read(BinaryReader r)
    {
        var version = r.ReadByte();
        if (version != Version)
        {
            throw new InvalidDataException($"journal entry of version {version}; this build reads version {Version}");
        }

        var sequence = r.ReadInt64();
        var count = r.ReadInt32();
        var records = new List<UsageRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var id = r.ReadString();
            var sourceKind = r.ReadString();
            var sourceName = ReadNullable(r);
            var at = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
            var provider = r.ReadString();
            var model = r.ReadString();
            var serviceTier = ReadNullable(r);
            var speed = ReadNullable(r);
            var geo = ReadNullable(r);
            var tokens = new TokenCounts(r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
            var webSearch = r.ReadInt64();
            var requests = r.ReadInt64();
            decimal? cost = r.ReadBoolean() ? r.ReadDecimal() : null;
            records.Add(new UsageRecord
            {
                Id = id,
                SourceKind = sourceKind,
                SourceName = sourceName,
                At = at,
                Provider = provider,
                Model = model,
                ServiceTier = serviceTier,
                Speed = speed,
                InferenceGeo = geo,
                Tokens = tokens,
                WebSearchRequests = webSearch,
                Requests = requests,
                Cost = cost,
                CostBasis = (CostBasis)r.ReadInt32(),
                Currency = r.ReadString(),
                MessageId = ReadNullable(r),
                RequestId = ReadNullable(r),
                IsSidechain = r.ReadBoolean(),
                ApiKeyId = ReadNullable(r),
                ApiKeyAlias = ReadNullable(r),
                Workspace = ReadNullable(r),
                Person = ReadNullable(r),
                Account = ReadNullable(r),
                MachineUser = ReadNullable(r),
                SessionId = ReadNullable(r),
                Tool = ReadNullable(r),
                ToolVersion = ReadNullable(r),
                Repo = ReadNullable(r),
                Branch = ReadNullable(r),
                Cwd = ReadNullable(r),
                TicketIds = ReadList(r),
                Tags = ReadTags(r),
            });
        }

        var cursorCount = r.ReadInt32();
        var cursors = new List<SourceCursor>(cursorCount);
        for (var i = 0; i < cursorCount; i++)
        {
            cursors.Add(new SourceCursor(r.ReadString(), r.ReadString(), r.ReadString()));
        }

        return new JournalEntry(sequence, records, cursors);
    }

    private static void WriteNullable(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null)
        {
            w.Write(value);
        }
    }

    private static string? ReadNullable(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    private static string[] ReadList(BinaryReader r)
    {
        var count = r.ReadInt32();
        if (count == 0)
        {
            return [];
        }

        var items = new string[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = r.ReadString();
        }

        return items;
    }

    private static Dictionary<string, string> ReadTags(BinaryReader r)
    {
        var count = r.ReadInt32();
        var tags = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            tags[r.ReadString()] = r.ReadString();
        }

        return tags;
    }
}
