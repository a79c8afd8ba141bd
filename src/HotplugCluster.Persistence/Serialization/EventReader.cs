using System.Text;

namespace HotplugCluster.Persistence.Serialization;

/// <summary>Reads what <see cref="EventWriter"/> wrote; any read past the end or malformed varint throws <see cref="FormatException"/>.</summary>
public ref struct EventReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly DecodedStrings? _strings;
    private int _position;

    public EventReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>A reader whose strings come from <paramref name="strings"/> when they were seen before.</summary>
    internal EventReader(ReadOnlySpan<byte> data, DecodedStrings strings)
        : this(data)
    {
        _strings = strings;
    }

    /// <summary>Bytes not read yet; a decoder that leaves some has met a payload it does not understand.</summary>
    public readonly int Remaining => _data.Length - _position;

    public byte ReadByte()
    {
        if (_position >= _data.Length)
        {
            throw new FormatException($"payload ends at byte {_position} where a field was expected");
        }

        return _data[_position++];
    }

    public bool ReadBoolean() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var b => throw new FormatException($"byte {_position - 1} is {b}, not a boolean"),
    };

    public ulong ReadUInt64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            if (shift == 63 && b > 1)
            {
                throw new FormatException($"varint at byte {_position - 1} overflows 64 bits");
            }

            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new FormatException($"varint at byte {_position} is longer than 10 bytes");
    }

    public long ReadInt64()
    {
        var raw = ReadUInt64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int ReadInt32()
    {
        var value = ReadInt64();
        return value is < int.MinValue or > int.MaxValue
            ? throw new FormatException($"value {value} does not fit a 32-bit field")
            : (int)value;
    }

    public string ReadString() => _strings is null ? Encoding.UTF8.GetString(Take()) : _strings.Get(Take());

    public byte[] ReadBytes() => Take().ToArray();

    private ReadOnlySpan<byte> Take()
    {
        var count = ReadUInt64();
        if (count > (ulong)Remaining)
        {
            throw new FormatException($"field at byte {_position} claims {count} bytes but {Remaining} remain");
        }

        var slice = _data.Slice(_position, (int)count);
        _position += (int)count;
        return slice;
    }
}
