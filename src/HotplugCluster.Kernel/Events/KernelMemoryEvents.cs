using System.Collections.Immutable;
using HotplugCluster.Kernel.Allocations;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Events;

/// <summary>
/// The kernel allocated unmovable pages for itself in a block (GFP_KERNEL: slab, page tables, the allocation that steals
/// a pageblock after an online).
/// </summary>
public sealed record KernelPagesAllocated(BlockId Block, PageCount Pages) : KernelEvent;

/// <summary>The kernel freed unmovable pages of its own back to the buddy of a block.</summary>
public sealed record KernelPagesFreed(BlockId Block, PageCount Pages) : KernelEvent;

/// <summary>
/// Objects were allocated from a slab cache; <paramref name="NewSlabs"/> are the blocks of the slabs it had to allocate
/// (<paramref name="PagesPerSlab"/> unmovable pages each) because no slab had a free object.
/// </summary>
public sealed record SlabObjectsAllocated(SlabCache Cache, int Objects, PageCount PagesPerSlab, ImmutableArray<BlockId> NewSlabs) : KernelEvent;

/// <summary>
/// Objects went back to a slab cache (<paramref name="Objects"/> may be 0: a shrink), and its <paramref name="Discarded"/>
/// newest slabs, empty, went back to the buddy.
/// </summary>
public sealed record SlabObjectsFreed(SlabCache Cache, int Objects, PageCount PagesPerSlab, int Discarded) : KernelEvent;

/// <summary>A page-table page was allocated in <paramref name="Host"/> for the slice <paramref name="Index"/> of its level.</summary>
public sealed record PageTableAllocated(PageTableLevel Level, ulong Index, BlockId Host) : KernelEvent;

/// <summary>A page-table page that mapped nothing any more was freed.</summary>
public sealed record PageTableFreed(PageTableLevel Level, ulong Index) : KernelEvent;
