using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Allocations;

/// <summary>How SLUB lays out a cache: object size, slab order, objects per slab, and how many empty slabs it keeps.</summary>
public readonly record struct SlabGeometry(int ObjectSize, int Order)
{
    // PAGE_ALLOC_COSTLY_ORDER: slub_max_order's default. MIN_PARTIAL / MAX_PARTIAL bound min_partial.
    private const int Page = (int)PageSizes.PageSize;
    private const int MaxOrder = 3;
    private const int MinPartialFloor = 5;
    private const int MinPartialCeiling = 10;

    /// <summary>Pages of one slab.</summary>
    public PageCount PagesPerSlab => new(1UL << Order);

    /// <summary><c>order_objects()</c>: objects in one slab.</summary>
    public int ObjectsPerSlab => (Page << Order) / ObjectSize;

    /// <summary><c>set_min_partial()</c>: ilog2(size) / 2, clamped to [5, 10]: empty slabs a node keeps on its partial list.</summary>
    /// <remarks>kmem_cache_open(), mm/slub.c (6.1, 6.12).</remarks>
    public int MinPartial => Math.Clamp(System.Numerics.BitOperations.Log2((uint)ObjectSize) / 2, MinPartialFloor, MinPartialCeiling);

    /// <summary>The object size of a cache.</summary>
    public static int ObjectSizeOf(SlabCache cache) => cache switch
    {
        SlabCache.Kmalloc64 => 64,
        SlabCache.Kmalloc1k => 1024,
        _ => 128,
    };

    /// <summary>
    /// <c>calculate_order()</c>: at least 4 × (fls(cpus) + 1) objects per slab, the smallest order (up to 3) whose
    /// leftover is at most 1/16 of the slab (each of these sizes divides a page, so that is the order that holds them).
    /// </summary>
    /// <remarks>calculate_order() and calc_slab_order(), mm/slub.c (6.1, 6.12).</remarks>
    public static SlabGeometry For(SlabCache cache, int presentCpus)
    {
        var size = ObjectSizeOf(cache);
        var cpus = Math.Max(presentCpus, 1);
        var minObjects = 4 * (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)cpus) + 1);
        var maxObjects = (Page << MaxOrder) / size;
        minObjects = Math.Min(minObjects, maxObjects);
        var order = 0;
        while (order < MaxOrder && (Page << order) < minObjects * size)
        {
            order++;
        }

        return new SlabGeometry(size, order);
    }
}
