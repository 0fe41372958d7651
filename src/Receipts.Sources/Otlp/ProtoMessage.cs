using System.Runtime.InteropServices;
using Google.Protobuf;

namespace Receipts.Sources.Otlp;

/// <summary>
/// A reader over one protobuf message's bytes (Google.Protobuf's <see cref="CodedInputStream"/>) that
/// knows where it is: the OTLP path of the message and its byte offset in the whole payload, so a
/// malformed payload is reported as "what and where".
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A CodedInputStream over a byte array holds nothing to release.")]
internal sealed class ProtoMessage
{
    private readonly CodedInputStream _input;
    private readonly byte[] _array;
    private readonly int _start;
    private readonly int _length;
    private readonly long _baseOffset;
    private readonly ProtoMessage? _parent;
    private readonly string _member;
    private readonly int _index;
    private string? _path;

    public ProtoMessage(ReadOnlyMemory<byte> bytes, long baseOffset, string path)
        : this(bytes, baseOffset, null, path, -1)
    {
    }

    private ProtoMessage(ReadOnlyMemory<byte> bytes, long baseOffset, ProtoMessage? parent, string member, int index)
    {
        var segment = MemoryMarshal.TryGetArray(bytes, out var shared) ? shared : new ArraySegment<byte>(bytes.ToArray());
        _array = segment.Array!;
        _start = segment.Offset;
        _length = segment.Count;
        _input = new CodedInputStream(_array, _start, _length);
        _baseOffset = baseOffset;
        _parent = parent;
        _member = member;
        _index = index;
    }

    /// <summary>
    /// Where this message is ("resourceLogs[0].scopeLogs[1].logRecords[7].attributes"), built only when asked (an
    /// error names it): a message read with <see cref="ReadMember"/> or <see cref="ReadItem"/> keeps its parent and
    /// name instead of a string per message.
    /// </summary>
    public string Path => _path ??= _parent is null
        ? (_index < 0 ? _member : $"{_member}[{_index}]")
        : (_index < 0 ? $"{_parent.Path}.{_member}" : $"{_parent.Path}.{_member}[{_index}]");

    public int Field { get; private set; }

    public WireFormat.WireType WireType { get; private set; }

    // CodedInputStream counts its position from the start of the whole array, not of this message's segment.
    private long Offset => _baseOffset + _input.Position - _start;

    /// <summary>Moves to the next field; false at the end of the message.</summary>
    public bool Next()
    {
        var tag = Guard(static input => input.ReadTag());
        if (tag == 0)
        {
            return false;
        }

        Field = WireFormat.GetTagFieldNumber(tag);
        WireType = WireFormat.GetTagWireType(tag);
        return true;
    }

    /// <summary>The length-delimited field here as a message of its own at <paramref name="childPath"/>, over the same bytes (no copy).</summary>
    public ProtoMessage ReadMessage(string childPath) => ReadChild(null, childPath, -1);

    /// <summary>The field here as the message <c>Path.member</c>.</summary>
    public ProtoMessage ReadMember(string member) => ReadChild(this, member, -1);

    /// <summary>The field here as item <paramref name="index"/> of the repeated <c>Path.member</c>.</summary>
    public ProtoMessage ReadItem(string member, int index) => ReadChild(this, member, index);

    private ProtoMessage ReadChild(ProtoMessage? parent, string member, int index)
    {
        Expect(WireFormat.WireType.LengthDelimited);
        var at = (int)(_input.Position - _start);
        ulong length = 0;
        var header = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (at + header >= _length || shift > 63)
            {
                throw Error("truncated: the length of a nested message is cut off");
            }

            var b = _array[_start + at + header++];
            length |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        if (length > (ulong)(_length - at - header))
        {
            throw Error($"truncated: a nested message of {length} bytes runs past the end of its parent");
        }

        var child = new ProtoMessage(new ReadOnlyMemory<byte>(_array, _start + at + header, (int)length), _baseOffset + at + header, parent, member, index);
        Skip();
        return child;
    }

    public string ReadString()
    {
        Expect(WireFormat.WireType.LengthDelimited);
        return Guard(static input => input.ReadString());
    }

    public string ReadHexBytes()
    {
        Expect(WireFormat.WireType.LengthDelimited);
        return Convert.ToHexStringLower(Guard(static input => input.ReadBytes()).Span);
    }

    public ulong ReadFixed64()
    {
        Expect(WireFormat.WireType.Fixed64);
        return Guard(static input => input.ReadFixed64());
    }

    public long ReadSFixed64()
    {
        Expect(WireFormat.WireType.Fixed64);
        return Guard(static input => input.ReadSFixed64());
    }

    public double ReadDouble()
    {
        Expect(WireFormat.WireType.Fixed64);
        return Guard(static input => input.ReadDouble());
    }

    public long ReadInt64()
    {
        Expect(WireFormat.WireType.Varint);
        return Guard(static input => input.ReadInt64());
    }

    public bool ReadBool()
    {
        Expect(WireFormat.WireType.Varint);
        return Guard(static input => input.ReadBool());
    }

    public int ReadEnum()
    {
        Expect(WireFormat.WireType.Varint);
        return Guard(static input => input.ReadEnum());
    }

    public void Skip() => Guard(static input =>
    {
        input.SkipLastField();
        return 0;
    });

    public OtlpFormatException Error(string what) => new($"{Path} (byte {Offset})", what);

    private void Expect(WireFormat.WireType wireType)
    {
        if (WireType != wireType)
        {
            throw Error($"field {Field} has wire type {WireType}, expected {wireType}");
        }
    }

    // A static lambda with the stream as its argument: no delegate is allocated per read.
    private T Guard<T>(Func<CodedInputStream, T> read)
    {
        try
        {
            return read(_input);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw Error(e.Message);
        }
    }
}
