using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Events;

/// <summary>
/// The kernel allocated unmovable pages for itself in a block (GFP_KERNEL: slab, page tables, the allocation that steals
/// a pageblock after an online).
/// </summary>
public sealed record KernelPagesAllocated(BlockId Block, PageCount Pages) : KernelEvent;

/// <summary>The kernel freed unmovable pages of its own back to the buddy of a block.</summary>
public sealed record KernelPagesFreed(BlockId Block, PageCount Pages) : KernelEvent;
