using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Allocations;

/// <summary>
/// The kernel's own allocations for memory hotplug, host-wide: per slab cache the objects in use and the block each of
/// its slabs sits in (newest last), and the page-table pages hot-adds allocated, with their block. Boot-time slab and
/// page tables are not modelled: every cache starts with no free object, boot RAM's tables exist.
/// </summary>
public sealed class KernelAllocations
{
    private readonly int[] _objects = new int[3];
    private readonly List<BlockId>[] _slabs = [[], [], []];
    private readonly PageCount[] _pagesPerSlab = new PageCount[3];
    private readonly SortedDictionary<(PageTableLevel Level, ulong Index), BlockId> _tables;

    /// <summary>No allocation yet.</summary>
    public KernelAllocations() => _tables = new(TableOrder.Instance);

    // A copy's tables: built from the sorted source in one pass (SortedDictionary's copy fast path, taken when both use the
    // same comparer), where adding ~1,600 entries one by one rebalanced the tree on every insert for each restored fleet host.
    private KernelAllocations(SortedDictionary<(PageTableLevel Level, ulong Index), BlockId> tables) => _tables = new(tables, TableOrder.Instance);

    internal KernelAllocations Copy()
    {
        var copy = new KernelAllocations(_tables);
        for (var i = 0; i < _objects.Length; i++)
        {
            copy._objects[i] = _objects[i];
            copy._slabs[i].AddRange(_slabs[i]);
            copy._pagesPerSlab[i] = _pagesPerSlab[i];
        }

        return copy;
    }

    /// <summary>Objects in use in a cache.</summary>
    public int Objects(SlabCache cache) => _objects[(int)cache];

    /// <summary>The blocks the cache's slabs sit in, oldest first.</summary>
    public IReadOnlyList<BlockId> Slabs(SlabCache cache) => _slabs[(int)cache];

    /// <summary>Page-table pages hot-adds allocated, by level and index of the slice they map.</summary>
    public IReadOnlyDictionary<(PageTableLevel Level, ulong Index), BlockId> PageTables => _tables;

    /// <summary><c>Slab</c> (all unreclaimable: <c>SUnreclaim</c>): the pages of every slab of the caches above.</summary>
    public PageCount SlabPages
    {
        get
        {
            var total = PageCount.Zero;
            for (var i = 0; i < _slabs.Length; i++)
            {
                total += new PageCount(_pagesPerSlab[i].Value * (ulong)_slabs[i].Count);
            }

            return total;
        }
    }

    internal void Allocate(SlabCache cache, int objects, PageCount pagesPerSlab, IEnumerable<BlockId> newSlabs)
    {
        _objects[(int)cache] = checked(_objects[(int)cache] + objects);
        _pagesPerSlab[(int)cache] = pagesPerSlab;
        _slabs[(int)cache].AddRange(newSlabs);
    }

    /// <summary>Frees objects and discards the newest <paramref name="discarded"/> slabs; returns their blocks.</summary>
    internal List<BlockId> Free(SlabCache cache, int objects, int discarded)
    {
        _objects[(int)cache] = checked(_objects[(int)cache] - objects);
        var slabs = _slabs[(int)cache];
        var gone = slabs.GetRange(slabs.Count - discarded, discarded);
        slabs.RemoveRange(slabs.Count - discarded, discarded);
        return gone;
    }

    internal void AddTable(PageTableLevel level, ulong index, BlockId host) => _tables.Add((level, index), host);

    internal BlockId RemoveTable(PageTableLevel level, ulong index)
    {
        var host = _tables[(level, index)];
        _tables.Remove((level, index));
        return host;
    }

    /// <summary>
    /// The order of <c>(level, index)</c> keys that <see cref="ValueTuple{T1, T2}"/>'s own comparison gives (level, then index),
    /// without its generic per-field comparers: every hot-add, removal and restored fleet host looks tables up.
    /// </summary>
    private sealed class TableOrder : IComparer<(PageTableLevel Level, ulong Index)>
    {
        public static readonly TableOrder Instance = new();

        public int Compare((PageTableLevel Level, ulong Index) x, (PageTableLevel Level, ulong Index) y) =>
            x.Level != y.Level ? ((byte)x.Level).CompareTo((byte)y.Level) : x.Index.CompareTo(y.Index);
    }
}
