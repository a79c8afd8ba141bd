using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Workload;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Kernel.Events;

/// <summary>
/// <c>arch_add_memory()</c> for one block: sections present and the memmap allocated, either on the block
/// (altmap) or from <paramref name="MemmapNode"/>'s <paramref name="MemmapZone"/>, charged to <paramref name="HostBlock"/>.
/// </summary>
public sealed record SectionsAdded(
    BlockId Block, NodeId Node, MemmapSource Memmap, NodeId MemmapNode, ZoneType MemmapZone, BlockId HostBlock, PageCount MemmapPages)
    : KernelEvent;

/// <summary><c>arch_remove_memory()</c> for one block: sections gone, its memmap freed.</summary>
public sealed record SectionsRemoved(BlockId Block) : KernelEvent;

/// <summary><c>create_memory_block_devices()</c> made memoryN, offline.</summary>
public sealed record MemoryBlockCreated(BlockId Block, NodeId Node, int GroupId) : KernelEvent;

/// <summary><c>remove_memory_block_devices()</c> removed memoryN.</summary>
public sealed record MemoryBlockRemoved(BlockId Block) : KernelEvent;

/// <summary><c>mem-&gt;online_type</c> was set.</summary>
public sealed record BlockOnlineTypeSet(BlockId Block, OnlineType Type) : KernelEvent;

/// <summary><c>mem-&gt;state</c> (and <c>mem-&gt;zone</c>) changed.</summary>
public sealed record BlockStateChanged(BlockId Block, MemoryBlockState State, ZoneType Zone) : KernelEvent;

/// <summary>A block's pages joined a zone: span widened, present (incl. vmemmap) and managed added, group counted.</summary>
public sealed record PagesOnlined(BlockId Block, ZoneType Zone, PageCount Present, PageCount Managed) : KernelEvent;

/// <summary>A block's pages left its zone: present and managed subtracted, span shrunk.</summary>
public sealed record PagesOfflined(BlockId Block, ZoneType Zone, PageCount Present, PageCount Managed) : KernelEvent;

/// <summary><c>adjust_present_page_count()</c> for a block's vmemmap pages alone: present (and the group) only.</summary>
public sealed record PresentPagesAdjusted(BlockId Block, ZoneType Zone, PageCount Pages, bool Added) : KernelEvent;

/// <summary>Workload pages were allocated in a block.</summary>
public sealed record PagesAllocated(BlockId Block, PageKind Kind, PageCount Count) : KernelEvent;

/// <summary>Workload pages were freed from a block.</summary>
public sealed record PagesFreed(BlockId Block, PageKind Kind, PageCount Count) : KernelEvent;

/// <summary>
/// <c>arch_remove_memory()</c> was passed no altmap for a block whose memmap lived on its own altmap: the vmemmap pages
/// went to the buddy through <c>free_pages()</c> while the range's direct map was torn down (before f42ce5f087eb on
/// 6.1, before Muchun Song's 2026 fix on 6.8; docs/kernel-model.md, "Historical kernel bugs"). Applied after the
/// block's <see cref="SectionsRemoved"/>.
/// </summary>
public sealed record VmemmapFreedWithoutAltmap(BlockId Block, PageCount Pages) : KernelEvent;

/// <summary><c>find_memory_block()</c> took a device reference on memoryN (<c>get_device()</c>).</summary>
public sealed record MemoryBlockReferenceTaken(BlockId Block) : KernelEvent;

/// <summary><c>put_device()</c> dropped a reference <c>find_memory_block()</c> took.</summary>
public sealed record MemoryBlockReferenceDropped(BlockId Block) : KernelEvent;
