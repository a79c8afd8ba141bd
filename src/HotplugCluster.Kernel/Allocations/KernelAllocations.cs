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
    private readonly SortedDictionary<(PageTableLevel Level, ulong Index), BlockId> _tables = [];

    internal KernelAllocations Copy()
    {
        var copy = new KernelAllocations();
        for (var i = 0; i < _objects.Length; i++)
        {
            copy._objects[i] = _objects[i];
            copy._slabs[i].AddRange(_slabs[i]);
            copy._pagesPerSlab[i] = _pagesPerSlab[i];
        }

        foreach (var (key, host) in _tables)
        {
            copy._tables.Add(key, host);
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
}
