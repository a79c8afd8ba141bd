using System.Collections.Immutable;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Workload;

namespace HotplugCluster.Kernel.Allocations;

/// <summary>
/// What the kernel allocates for itself around a hot-add and frees around a removal or an offline, as events: slab
/// objects (a memory block, its sysfs nodes, each section's usage map) and page-table pages (the direct map and the
/// vmemmap of the new range). Each allocation is GFP_KERNEL, placed by <see cref="KernelZonelist"/>.
/// </summary>
public static class HotplugCosts
{
    /// <summary>
    /// kernfs nodes a memory block device creates: its directory, <c>uevent</c>, <c>online</c>, the five
    /// <c>memory_memblk_attrs</c> (phys_index, state, phys_device, removable, valid_zones), the <c>power</c> group's
    /// directory, the <c>subsystem</c> link and the bus's link to it, and the two node links.
    /// </summary>
    /// <remarks>device_add(), bus_add_device(), dpm_sysfs_add() (drivers/base/core.c, bus.c, power/sysfs.c); memory_memblk_attrs and register_memory_block_under_node(), drivers/base/memory.c and node.c (6.1, 6.12).</remarks>
    public const int KernfsNodesPerBlock = 13;

    // Every cache, in declaration order (Enum.GetValues makes a new array per call).
    private static readonly SlabCache[] SlabCaches = Enum.GetValues<SlabCache>();

    private static readonly (PageTableLevel Level, int Shift)[] Tables =
    [
        // Direct map: a PMD table maps 1 GiB, a PUD table 512 GiB. The vmemmap maps 64 B per 4 KiB page, so its tables
        // cover 64 times more RAM: 64 GiB per PMD table, 32 TiB per PUD table.
        (PageTableLevel.DirectMapPud, 39), (PageTableLevel.DirectMapPmd, 30), (PageTableLevel.VmemmapPud, 45), (PageTableLevel.VmemmapPmd, 36),
    ];

    /// <summary>
    /// <c>arch_add_memory()</c> of one block: a <c>mem_section_usage</c> per section (<c>section_activate()</c>) and every
    /// page-table page the block's direct map and vmemmap lack. Null when no kernel zone has room (-ENOMEM).
    /// </summary>
    /// <remarks>
    /// section_activate(), mm/sparse.c; kernel_physical_mapping_init() → phys_p4d_init() / phys_pud_init() →
    /// alloc_low_pages(), arch/x86/mm/init_64.c and init.c; vmemmap_populate() → vmemmap_p4d/pud_populate(),
    /// mm/sparse-vmemmap.c (6.1, 6.12). Without gbpages (a QEMU TCG guest), the direct map uses 2 MiB pages.
    /// </remarks>
    public static IReadOnlyList<KernelEvent>? SectionsAdded(HostState state, BlockId block, NodeId nid, (BlockId Block, PageCount Pages)? memmap = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var claims = new Dictionary<BlockId, PageCount>();
        if (memmap is { } m)
        {
            // The memmap this step allocates from the same zones.
            claims[m.Block] = m.Pages;
        }

        var events = new List<KernelEvent>();
        var start = state.Blocks.StartOf(block).Value;
        var end = start + state.BlockSize.Bytes;
        foreach (var (level, shift) in Tables)
        {
            for (var index = start >> shift; index <= (end - 1) >> shift; index++)
            {
                if ((index << shift) < state.Layout.BootMemEnd.Value || state.KernelAllocations.HasTable(level, index))
                {
                    continue;
                }

                // Direct-map tables come from the running CPU's node (GFP_ATOMIC), vmemmap tables from the new memory's node.
                var from = level is PageTableLevel.DirectMapPmd or PageTableLevel.DirectMapPud ? CpuNode(state) : nid;
                if (KernelZonelist.Place(state, from, new PageCount(1), claims) is not { } host)
                {
                    return null;
                }

                events.Add(new PageTableAllocated(level, index, host));
            }
        }

        var sections = (int)state.BlockSize.DivideBy(PageSizes.SectionSize);
        return Slab(state, SlabCache.Kmalloc64, sections, claims, events) ? events : null;
    }

    /// <summary>
    /// <c>arch_remove_memory()</c> of one block: the sections' usage maps go back to kmalloc-64, and a page-table page
    /// that maps no other present block is freed.
    /// </summary>
    /// <remarks>section_deactivate(), mm/sparse.c; remove_pagetable() → free_pmd_table() / free_pud_table(), arch/x86/mm/init_64.c (6.1, 6.12).</remarks>
    public static IReadOnlyList<KernelEvent> SectionsRemoved(HostState state, BlockId block)
    {
        ArgumentNullException.ThrowIfNull(state);
        var slots = TableSlots(state, block);
        Span<(PageTableLevel Level, ulong Index)> freed = slots <= 64 ? stackalloc (PageTableLevel, ulong)[slots] : new (PageTableLevel, ulong)[slots];
        return WithTables(state, freed[..FreedTables(state, block, freed)], null);
    }

    /// <summary>
    /// An <c>arch_remove_memory()</c> step's result: <paramref name="first"/> (the step's own event), then
    /// <see cref="SectionsRemoved(HostState, BlockId)"/>'s events, in one array made at its final size, or with no array
    /// when no page table goes (most blocks): every block a removal takes away runs this, and a list grown and copied into
    /// the step's array was ~3% of what a fleet host allocated.
    /// </summary>
    internal static StepResult SectionsRemovedStep(HostState state, BlockId block, KernelEvent first)
    {
        ArgumentNullException.ThrowIfNull(state);
        var slots = TableSlots(state, block);
        Span<(PageTableLevel Level, ulong Index)> freed = slots <= 64 ? stackalloc (PageTableLevel, ulong)[slots] : new (PageTableLevel, ulong)[slots];
        var count = FreedTables(state, block, freed);
        return count == 0 ? StepResult.Ok(first, SectionUsageFreed(state)) : StepResult.Ok(WithTables(state, freed[..count], first));
    }

    // The freed tables' events, then the usage maps', after first when there is one.
    private static KernelEvent[] WithTables(HostState state, ReadOnlySpan<(PageTableLevel Level, ulong Index)> freed, KernelEvent? first)
    {
        var before = first is null ? 0 : 1;
        var events = new KernelEvent[before + freed.Length + 1];
        if (first is not null)
        {
            events[0] = first;
        }

        for (var i = 0; i < freed.Length; i++)
        {
            events[before + i] = new PageTableFreed(freed[i].Level, freed[i].Index);
        }

        events[^1] = SectionUsageFreed(state);
        return events;
    }

    // How many (level, index) tables a block's range touches: a handful per level.
    private static int TableSlots(HostState state, BlockId block)
    {
        var start = state.Blocks.StartOf(block).Value;
        var end = start + state.BlockSize.Bytes;
        var slots = 0;
        foreach (var (_, shift) in Tables)
        {
            slots += (int)(((end - 1) >> shift) - (start >> shift) + 1);
        }

        return slots;
    }

    // remove_pagetable(): the tables of the block's range that map no other present block, found once (MapsAnotherBlock walks
    // blocks) into freed; returns how many.
    private static int FreedTables(HostState state, BlockId block, Span<(PageTableLevel Level, ulong Index)> freed)
    {
        var start = state.Blocks.StartOf(block).Value;
        var end = start + state.BlockSize.Bytes;
        var count = 0;
        foreach (var (level, shift) in Tables)
        {
            for (var index = start >> shift; index <= (end - 1) >> shift; index++)
            {
                if (state.KernelAllocations.HasTable(level, index) && !MapsAnotherBlock(state, block, index << shift, 1UL << shift))
                {
                    freed[count++] = (level, index);
                }
            }
        }

        return count;
    }

    // section_deactivate(): the block's sections' usage maps go back to kmalloc-64.
    private static SlabObjectsFreed SectionUsageFreed(HostState state) =>
        Free(state, SlabCache.Kmalloc64, (int)state.BlockSize.DivideBy(PageSizes.SectionSize));

    /// <summary>
    /// <c>create_memory_block_devices()</c>: a <c>struct memory_block</c> (kzalloc, kmalloc-1k) and its kernfs nodes per
    /// block. Null when no kernel zone has room (-ENOMEM).
    /// </summary>
    /// <remarks>init_memory_block() and __add_memory_block(), drivers/base/memory.c; __kernfs_new_node(), fs/kernfs/dir.c (6.1, 6.12).</remarks>
    public static IReadOnlyList<KernelEvent>? BlocksRegistered(HostState state, int blocks)
    {
        ArgumentNullException.ThrowIfNull(state);
        var claims = new Dictionary<BlockId, PageCount>();
        var events = new List<KernelEvent>();
        return Slab(state, SlabCache.Kmalloc1k, blocks, claims, events) && Slab(state, SlabCache.KernfsNode, blocks * KernfsNodesPerBlock, claims, events)
            ? events
            : null;
    }

    /// <summary>How many events <see cref="BlocksUnregisteredInto"/> decides: the kernfs nodes, and the memory_block unless leaked.</summary>
    internal static int BlocksUnregisteredCount(bool referenceLeaked) => referenceLeaked ? 1 : 2;

    /// <summary>
    /// <c>remove_memory_block_devices()</c>: the blocks' kernfs nodes go, and their memory_block at the last put, which a
    /// leaked <c>find_memory_block()</c> reference (<paramref name="referenceLeaked"/>) never comes to; the events are written
    /// into <paramref name="events"/> from <paramref name="at"/>, so a removal step makes one array at its final size (every
    /// removed block of a fleet runs this).
    /// </summary>
    /// <remarks>memory_block_release(), drivers/base/memory.c; kernfs_put(), fs/kernfs/dir.c (6.1, 6.12).</remarks>
    internal static void BlocksUnregisteredInto(HostState state, int blocks, bool referenceLeaked, KernelEvent[] events, int at)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(events);
        events[at] = Free(state, SlabCache.KernfsNode, blocks * KernfsNodesPerBlock);
        if (!referenceLeaked)
        {
            events[at + 1] = Free(state, SlabCache.Kmalloc1k, blocks);
        }
    }

    /// <summary>
    /// MEM_GOING_OFFLINE: SLUB's memory notifier flushes the per-cpu slabs and discards every empty slab of every cache; the
    /// step's result is <paramref name="first"/> (the step's notifier event), then a freed-slab event per cache with empty
    /// slabs, held without an array when at most one cache has any (most offlines).
    /// </summary>
    /// <remarks>slab_memory_callback() → slab_mem_going_offline_callback() → __kmem_cache_do_shrink(), mm/slub.c (6.1, 6.12).</remarks>
    internal static StepResult ShrinkStep(HostState state, KernelEvent first)
    {
        ArgumentNullException.ThrowIfNull(state);
        Span<int> empty = stackalloc int[SlabCaches.Length];
        Span<SlabGeometry> geometries = stackalloc SlabGeometry[SlabCaches.Length];
        var count = EmptySlabs(state, empty, geometries);
        if (count == 0)
        {
            return StepResult.Ok(first);
        }

        if (count == 1)
        {
            var i = empty.IndexOfAnyExceptInRange(int.MinValue, 0);
            return StepResult.Ok(first, Freed(state, SlabCaches[i], 0, geometries[i].PagesPerSlab, empty[i]));
        }

        return StepResult.Ok(ShrinkEvents(state, first, empty, geometries, count));
    }

    // Per cache its geometry on this host and its empty slabs; returns how many caches have any.
    private static int EmptySlabs(HostState state, Span<int> empty, Span<SlabGeometry> geometries)
    {
        var cpus = Cpus(state);
        var count = 0;
        for (var i = 0; i < SlabCaches.Length; i++)
        {
            geometries[i] = SlabGeometry.For(SlabCaches[i], cpus);
            empty[i] = state.KernelAllocations.Slabs(SlabCaches[i]).Count - InUse(state.KernelAllocations.Objects(SlabCaches[i]), geometries[i]);
            count += empty[i] > 0 ? 1 : 0;
        }

        return count;
    }

    private static KernelEvent[] ShrinkEvents(HostState state, KernelEvent first, ReadOnlySpan<int> empty, ReadOnlySpan<SlabGeometry> geometries, int count)
    {
        var events = new KernelEvent[count + 1];
        events[0] = first;
        var at = 1;
        for (var i = 0; i < SlabCaches.Length; i++)
        {
            if (empty[i] > 0)
            {
                events[at++] = Freed(state, SlabCaches[i], 0, geometries[i].PagesPerSlab, empty[i]);
            }
        }

        return events;
    }

    /// <summary>The geometry SLUB gave a cache on this host (its present CPUs).</summary>
    public static SlabGeometry Geometry(HostState state, SlabCache cache)
    {
        ArgumentNullException.ThrowIfNull(state);
        return SlabGeometry.For(cache, Cpus(state));
    }

    // An index loop: Nodes is an interface, and foreach over it boxes its enumerator (every offline counts the CPUs).
    private static int Cpus(HostState state)
    {
        var cpus = 0;
        var nodes = state.Nodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            cpus += nodes[i].Cpus;
        }

        return cpus;
    }

    // ___slab_alloc() → new_slab() → allocate_slab(): a new slab only when no slab of the cache has a free object.
    private static bool Slab(HostState state, SlabCache cache, int objects, Dictionary<BlockId, PageCount> claims, List<KernelEvent> events)
    {
        var g = Geometry(state, cache);
        var have = state.KernelAllocations.Slabs(cache).Count;
        var need = InUse(state.KernelAllocations.Objects(cache) + objects, g) - have;
        var hosts = ImmutableArray.CreateBuilder<BlockId>(Math.Max(need, 0));
        for (var i = 0; i < need; i++)
        {
            if (KernelZonelist.Place(state, CpuNode(state), g.PagesPerSlab, claims) is not { } host)
            {
                return false;
            }

            hosts.Add(host);
        }

        events.Add(new SlabObjectsAllocated(cache, objects, g.PagesPerSlab, hosts.MoveToImmutable()));
        return true;
    }

    // __slab_free(): a slab that became empty is discarded when the node already keeps min_partial partial slabs.
    private static SlabObjectsFreed Free(HostState state, SlabCache cache, int objects)
    {
        var g = Geometry(state, cache);
        var left = state.KernelAllocations.Objects(cache) - objects;
        var inUse = InUse(left, g);
        var empty = state.KernelAllocations.Slabs(cache).Count - inUse;
        var partial = left % g.ObjectsPerSlab != 0 ? 1 : 0;
        var keep = Math.Clamp(g.MinPartial - partial, 0, Math.Max(empty, 0));
        return Freed(state, cache, objects, g.PagesPerSlab, Math.Max(empty - keep, 0));
    }

    // A removal frees the same objects block after block, mostly discarding no slab, and offlines shrink the same empty
    // slabs: the host's last event of the cache is handed out again when it says the same (events are immutable values,
    // journaled by value; a new one each time was three objects per removed block).
    private static SlabObjectsFreed Freed(HostState state, SlabCache cache, int objects, PageCount pagesPerSlab, int discarded)
    {
        ref var last = ref state.LastSlabFreed[(int)cache];
        if (last is not { } l || l.Objects != objects || l.PagesPerSlab != pagesPerSlab || l.Discarded != discarded)
        {
            last = new SlabObjectsFreed(cache, objects, pagesPerSlab, discarded);
        }

        return last;
    }

    private static int InUse(int objects, SlabGeometry g) => (objects + g.ObjectsPerSlab - 1) / g.ObjectsPerSlab;

    private static bool MapsAnotherBlock(HostState state, BlockId leaving, ulong start, ulong size) =>
        state.Blocks.AnyPresentIn(new PhysAddr(start), new ByteSize(size), leaving);

    /// <summary>The node of the CPU that runs hotplug: the model has no current CPU and takes the first node with CPUs.</summary>
    private static NodeId CpuNode(HostState state)
    {
        var nodes = state.Nodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].Cpus > 0)
            {
                return nodes[i].Id;
            }
        }

        return new NodeId(0);
    }
}
