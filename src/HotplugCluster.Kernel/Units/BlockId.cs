namespace HotplugCluster.Kernel.Units;

/// <summary>A memory block id: <c>phys / memory_block_size_bytes()</c>, the N of <c>memoryN</c>.</summary>
public readonly record struct BlockId(uint Value) : IComparable<BlockId>
{
    public static bool operator <(BlockId a, BlockId b) => a.Value < b.Value;

    public static bool operator >(BlockId a, BlockId b) => a.Value > b.Value;

    public static bool operator <=(BlockId a, BlockId b) => a.Value <= b.Value;

    public static bool operator >=(BlockId a, BlockId b) => a.Value >= b.Value;

    public int CompareTo(BlockId other) => Value.CompareTo(other.Value);

    // Ids below this have their name formatted once per process (a fleet names the same blocks on every host): 4M names at most.
    private const uint MaxCachedNames = 1u << 22;
    private static readonly System.Threading.Lock s_namesLock = new();
    private static string?[] s_names = new string?[1024];

    /// <summary>"memoryN"; the usual ids' names are formatted once per process and shared.</summary>
    public override string ToString()
    {
        var names = Volatile.Read(ref s_names);
        if (Value < names.Length && names[Value] is { } name)
        {
            return name;
        }

        return Value < MaxCachedNames ? AddName(Value) : Format(Value);
    }

    // Invariant: an unsigned number prints the same in every culture, and the current one is not looked up per call.
    private static string Format(uint id) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"memory{id}");

    private static string AddName(uint id)
    {
        lock (s_namesLock)
        {
            var names = s_names;
            if (id >= names.Length)
            {
                // Copied, not resized in place: readers hold the old array, whose filled slots stay valid.
                var grown = new string?[Math.Max(id + 1, Math.Min((uint)names.Length * 2, MaxCachedNames))];
                names.CopyTo(grown, 0);
                names = grown;
            }

            var name = names[id] ??= Format(id);
            Volatile.Write(ref s_names, names);
            return name;
        }
    }
}
