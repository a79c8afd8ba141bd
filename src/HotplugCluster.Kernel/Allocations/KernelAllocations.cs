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
    // Indexed, not sorted: arch_remove_memory() asks for four tables per removed block (a tree lookup each was 2.6% of a fleet
    // host's CPU), and nothing iterates them but PageTables, which sorts its copy. Every restored fleet host copies them.
    private readonly PageTableMap _tables;

    /// <summary>No allocation yet.</summary>
    public KernelAllocations() => _tables = new();

    private KernelAllocations(PageTableMap tables) => _tables = tables;

    internal KernelAllocations Copy()
    {
        var copy = new KernelAllocations(_tables.Copy());
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

    /// <summary>
    /// Page-table pages hot-adds allocated, by level and index of the slice they map, in (level, index) order: a copy made
    /// on each read, for reports and tests (the rules ask <see cref="HasTable"/>).
    /// </summary>
    public IReadOnlyDictionary<(PageTableLevel Level, ulong Index), BlockId> PageTables => _tables.Sorted();

    /// <summary>Whether a hot-add allocated the page-table page of this level and index.</summary>
    internal bool HasTable(PageTableLevel level, ulong index) => _tables.Contains(level, index);

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

    /// <summary>
    /// Frees objects and discards the newest <paramref name="discarded"/> slabs, after handing each of their blocks, oldest
    /// first, to <paramref name="gone"/> (an apply charges them back): no list of them is made, where one per freed slab
    /// event was ~3% of what a fleet host allocated.
    /// </summary>
    internal void Free<TState>(SlabCache cache, int objects, int discarded, TState state, Action<TState, BlockId> gone)
    {
        _objects[(int)cache] = checked(_objects[(int)cache] - objects);
        var slabs = _slabs[(int)cache];
        var from = slabs.Count - discarded;
        ArgumentOutOfRangeException.ThrowIfNegative(from, nameof(discarded));
        for (var i = from; i < slabs.Count; i++)
        {
            gone(state, slabs[i]);
        }

        slabs.RemoveRange(from, discarded);
    }

    internal void AddTable(PageTableLevel level, ulong index, BlockId host) => _tables.Add(level, index, host);

    internal BlockId RemoveTable(PageTableLevel level, ulong index) => _tables.Remove(level, index);
}
