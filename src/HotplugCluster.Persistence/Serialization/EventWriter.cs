using System.Text;

namespace HotplugCluster.Persistence.Serialization;

/// <summary>
/// Appends an event's fields in the compact binary form: LEB128 varints (zig-zag for signed values),
/// length-prefixed UTF-8 strings. Reusable: <see cref="Reset"/> keeps the buffer.
/// </summary>
public sealed class EventWriter
{
    private byte[] _buffer = new byte[256];
    private int _length;

    /// <summary>The bytes written since the last <see cref="Reset"/>.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Reset() => _length = 0;

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteUInt64(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[_length++] = (byte)value;
    }

    public void WriteInt64(long value) => WriteUInt64((ulong)((value << 1) ^ (value >> 63)));

    public void WriteInt32(int value) => WriteInt64(value);

    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var count = Encoding.UTF8.GetByteCount(value);
        WriteUInt64((ulong)count);
        Ensure(count);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteUInt64((ulong)value.Length);
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }
}
