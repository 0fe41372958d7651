using System.Runtime.InteropServices;
using Google.Protobuf;

namespace Receipts.Sources.Otlp;

/// <summary>
/// A reader over one protobuf message's bytes (Google.Protobuf's <see cref="CodedInputStream"/>) that
/// knows where it is: the OTLP path of the message and its byte offset in the whole payload, so a
/// malformed payload is reported as "what and where".
/// </summary>
internal sealed class ProtoMessage
{
    private readonly CodedInputStream _input;
    private readonly long _baseOffset;

    public ProtoMessage(ReadOnlyMemory<byte> bytes, long baseOffset, string path)
    {
        _input = MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new CodedInputStream(segment.Array!, segment.Offset, segment.Count)
            : new CodedInputStream(bytes.ToArray());
        _baseOffset = baseOffset;
        Path = path;
    }

    public string Path { get; }

    public int Field { get; private set; }

    public WireFormat.WireType WireType { get; private set; }

    private long Offset => _baseOffset + _input.Position;

    /// <summary>Moves to the next field; false at the end of the message.</summary>
    public bool Next()
    {
        var tag = Guard(_input.ReadTag);
        if (tag == 0)
        {
            return false;
        }

        Field = WireFormat.GetTagFieldNumber(tag);
        WireType = WireFormat.GetTagWireType(tag);
        return true;
    }

    public ProtoMessage ReadMessage(string childPath)
    {
        Expect(WireFormat.WireType.LengthDelimited);
        var bytes = Guard(_input.ReadBytes);
        return new ProtoMessage(bytes.Memory, Offset - bytes.Length, childPath);
    }

    public string ReadString()
    {
        Expect(WireFormat.WireType.LengthDelimited);
        return Guard(_input.ReadString);
    }

    public string ReadHexBytes()
    {
        Expect(WireFormat.WireType.LengthDelimited);
        return Convert.ToHexStringLower(Guard(_input.ReadBytes).Span);
    }

    public ulong ReadFixed64()
    {
        Expect(WireFormat.WireType.Fixed64);
        return Guard(_input.ReadFixed64);
    }

    public long ReadSFixed64()
    {
        Expect(WireFormat.WireType.Fixed64);
        return Guard(_input.ReadSFixed64);
    }

    public double ReadDouble()
    {
        Expect(WireFormat.WireType.Fixed64);
        return Guard(_input.ReadDouble);
    }

    public long ReadInt64()
    {
        Expect(WireFormat.WireType.Varint);
        return Guard(_input.ReadInt64);
    }

    public bool ReadBool()
    {
        Expect(WireFormat.WireType.Varint);
        return Guard(_input.ReadBool);
    }

    public int ReadEnum()
    {
        Expect(WireFormat.WireType.Varint);
        return Guard(_input.ReadEnum);
    }

    public void Skip() => Guard(() =>
    {
        _input.SkipLastField();
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

    private T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidProtocolBufferException e)
        {
            throw Error(e.Message);
        }
    }
}
