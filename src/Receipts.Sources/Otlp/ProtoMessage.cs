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

    public ProtoMessage(ReadOnlyMemory<byte> bytes, long baseOffset, string path)
    {
        var segment = MemoryMarshal.TryGetArray(bytes, out var shared) ? shared : new ArraySegment<byte>(bytes.ToArray());
        _array = segment.Array!;
        _start = segment.Offset;
        _length = segment.Count;
        _input = new CodedInputStream(_array, _start, _length);
        _baseOffset = baseOffset;
        Path = path;
    }

    public string Path { get; }

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

    /// <summary>The length-delimited field here as a message of its own, over the same bytes (no copy).</summary>
    public ProtoMessage ReadMessage(string childPath)
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

        var child = new ProtoMessage(new ReadOnlyMemory<byte>(_array, _start + at + header, (int)length), _baseOffset + at + header, childPath);
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
