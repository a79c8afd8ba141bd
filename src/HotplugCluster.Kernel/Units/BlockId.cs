namespace HotplugCluster.Kernel.Units;

/// <summary>A memory block id: <c>phys / memory_block_size_bytes()</c>, the N of <c>memoryN</c>.</summary>
public readonly record struct BlockId(uint Value) : IComparable<BlockId>
{
    public static bool operator <(BlockId a, BlockId b) => a.Value < b.Value;

    public static bool operator >(BlockId a, BlockId b) => a.Value > b.Value;

    public static bool operator <=(BlockId a, BlockId b) => a.Value <= b.Value;

    public static bool operator >=(BlockId a, BlockId b) => a.Value >= b.Value;

    public int CompareTo(BlockId other) => Value.CompareTo(other.Value);

    private static readonly StringsById s_names = new(Format);
    private static readonly StringsById s_statePaths = new(id => $"/sys/devices/system/memory/{s_names.Of(id)}/state");

    /// <summary>"memoryN"; the usual ids' names are formatted once per process and shared.</summary>
    public override string ToString() => s_names.Of(Value);

    /// <summary>The block's state file, <c>/sys/devices/system/memory/memoryN/state</c>, formatted once per process like its name (every host of a fleet writes the same blocks' state files).</summary>
    public string StatePath => s_statePaths.Of(Value);

    // Invariant: an unsigned number prints the same in every culture, and the current one is not looked up per call.
    private static string Format(uint id) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"memory{id}");
}
