using System.Buffers.Binary;

namespace HotplugCluster.Cluster.Schedules;

/// <summary>
/// What a schedule range found: its lowest failing schedule (null: none) and the schedule it stopped before. A range
/// stops at its first violation, or before a schedule above a violation found elsewhere (<see cref="ScheduleBounds"/>):
/// every schedule below <see cref="Reached"/> ran, so the lowest violation over all ranges is the search's.
/// </summary>
public sealed record RangeOutcome(int? Violation, int Reached)
{
    /// <summary>Eight bytes: the violation (-1: none) and <see cref="Reached"/>, little-endian.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, Violation ?? -1);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), Reached);
        return bytes;
    }

    /// <summary>The outcome of <see cref="Encode"/>.</summary>
    public static RangeOutcome Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length != 8)
        {
            throw new ArgumentException($"a range outcome is 8 bytes, not {bytes.Length}", nameof(bytes));
        }

        var violation = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        return new RangeOutcome(violation < 0 ? null : violation, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)));
    }
}
