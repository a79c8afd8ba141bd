namespace HotplugCluster.Kernel.Units;

/// <summary>A memory block id: <c>phys / memory_block_size_bytes()</c>, the N of <c>memoryN</c>.</summary>
public readonly record struct BlockId(uint Value) : IComparable<BlockId>
{
    public static bool operator <(BlockId a, BlockId b) => a.Value < b.Value;

    public static bool operator >(BlockId a, BlockId b) => a.Value > b.Value;

    public static bool operator <=(BlockId a, BlockId b) => a.Value <= b.Value;

    public static bool operator >=(BlockId a, BlockId b) => a.Value >= b.Value;

    public int CompareTo(BlockId other) => Value.CompareTo(other.Value);

    public override string ToString() => $"memory{Value}";
}
