using System.Runtime.InteropServices;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Kernel.MemoryBlocks;

/// <summary>
/// One memory block slot (<c>struct memory_block</c> plus its sections' memmap), compact enough for
/// millions per process. A slot is present once <c>arch_add_memory()</c> added its sections and
/// <see cref="Registered"/> once <c>create_memory_block_devices()</c> made memoryN visible.
/// <c>ReservedPages</c> are memblock reservations (the boot memmap): present, never managed, and they
/// make the block unofflinable. <c>KernelPages</c> are the kernel's own unmovable allocations here (slab, page
/// tables, the allocations that follow an online; see <c>Workload.KernelZonelist</c>).
/// </summary>
// Auto layout packs the byte-sized fields together: the slot stays within 64 B (a test holds it).
[StructLayout(LayoutKind.Auto)]
public readonly record struct MemoryBlock(
    BlockId Id,
    NodeId Nid,
    int GroupId,
    MemoryBlockState State,
    OnlineType OnlineType,
    ZoneType Zone,
    MemmapSource Memmap,
    NodeId MemmapNode,
    ZoneType MemmapZone,
    BlockId MemmapHost,
    uint MemmapPages,
    bool Registered,
    bool Early,
    uint MovablePages,
    uint UnmovablePages,
    uint PinnedPages,
    uint HostedMemmapPages,
    uint ReservedPages,
    uint KernelPages = 0)
{
    public bool IsPresent => Memmap != MemmapSource.None;

    /// <summary>
    /// The zone the buddy hands this block's free pages out from: its zone, or for a boot block across zones
    /// (<see cref="Zone"/> None) the zone of its top part, where its free RAM is (the lower part is ZONE_DMA's first
    /// 16 MiB, which the model keeps out of kernel and user allocations, as lowmem_reserve does).
    /// </summary>
    public ZoneType PageZone => Zone == ZoneType.None && Early ? MemmapZone : Zone;

    public bool HasAltmap => Memmap == MemmapSource.Altmap;

    /// <summary><c>mem->altmap->free</c> or 0: pages at the block start that are never given to the buddy.</summary>
    public PageCount VmemmapPages => HasAltmap ? new PageCount(MemmapPages) : PageCount.Zero;

    /// <summary>Pages in use: workload pages of all kinds, other blocks' memmaps hosted here, the kernel's own pages.</summary>
    public PageCount UsedPages => new((ulong)MovablePages + UnmovablePages + PinnedPages + HostedMemmapPages + KernelPages);

    /// <summary>Pages that make <c>start_isolate_page_range()</c> fail: unmovable allocations, hosted memmaps, kernel pages.</summary>
    public bool HasUnmovablePages => UnmovablePages > 0 || HostedMemmapPages > 0 || ReservedPages > 0 || KernelPages > 0;
}
