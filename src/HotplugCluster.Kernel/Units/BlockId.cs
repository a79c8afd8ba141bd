namespace HotplugCluster.Kernel.Units;

/// <summary>A memory block id: <c>phys / memory_block_size_bytes()</c>, the N of <c>memoryN</c>.</summary>
public readonly record struct BlockId(uint Value) : IComparable<BlockId>
{
    public static bool operator <(BlockId a, BlockId b) => a.Value < b.Value;

    public static bool operator >(BlockId a, BlockId b) => a.Value > b.Value;

    public static bool operator <=(BlockId a, BlockId b) => a.Value <= b.Value;

    public static bool operator >=(BlockId a, BlockId b) => a.Value >= b.Value;

    public int CompareTo(BlockId other) => Value.CompareTo(other.Value);

    // Invariant: an unsigned number prints the same in every culture, and the current one is not looked up per call.
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"memory{Value}");
}
