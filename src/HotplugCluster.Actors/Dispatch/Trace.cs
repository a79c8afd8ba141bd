namespace HotplugCluster.Actors.Dispatch;

/// <summary>The choices of a deterministic run: the id of the actor that ran at each step. Replaying it with
/// <see cref="ReplayStrategy"/> reproduces the run.</summary>
public sealed class Trace
{
    private readonly List<long> _choices;

    /// <summary>An empty trace, to be filled by a recording dispatcher.</summary>
    public Trace() => _choices = [];

    /// <summary>A trace with the given choices.</summary>
    public Trace(IEnumerable<long> choices) => _choices = [.. choices];

    /// <summary>The number of recorded steps.</summary>
    public int Count => _choices.Count;

    /// <summary>The actor id chosen at <paramref name="step"/>.</summary>
    public long this[long step] => _choices[checked((int)step)];

    /// <summary>The recorded choices in step order.</summary>
    public IReadOnlyList<long> Choices => _choices;

    /// <summary>Decodes a trace written by <see cref="ToBytes"/>.</summary>
    public static Trace FromBytes(ReadOnlySpan<byte> bytes)
    {
        var choices = new List<long>();
        ulong value = 0;
        var shift = 0;
        foreach (var b in bytes)
        {
            value |= (ulong)(b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0)
            {
                choices.Add((long)value);
                value = 0;
                shift = 0;
            }
            else if (shift > 63)
            {
                throw new FormatException("trace bytes: varint longer than 64 bits");
            }
        }

        return shift == 0 ? new Trace(choices) : throw new FormatException("trace bytes: truncated varint at end");
    }

    /// <summary>Encodes the choices compactly (one LEB128 varint per step).</summary>
    public byte[] ToBytes()
    {
        var buffer = new List<byte>(_choices.Count * 2);
        foreach (var choice in _choices)
        {
            var v = (ulong)choice;
            while (v >= 0x80)
            {
                buffer.Add((byte)(v | 0x80));
                v >>= 7;
            }

            buffer.Add((byte)v);
        }

        return [.. buffer];
    }

    internal void Add(long actorId) => _choices.Add(actorId);
}
