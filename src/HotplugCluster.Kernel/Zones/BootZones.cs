using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Zones;

/// <summary>
/// Which zone boot memory lands in on x86_64: ZONE_DMA below 16 MiB, ZONE_DMA32 below 4 GiB, ZONE_NORMAL above
/// (<c>zone_sizes_init()</c>, arch/x86/mm/init.c: <c>max_zone_pfns[ZONE_DMA] = min(MAX_DMA_PFN, max_low_pfn)</c>,
/// <c>[ZONE_DMA32] = min(MAX_DMA32_PFN, max_low_pfn)</c>). A boot block that crosses a boundary has pages in two zones,
/// and its <c>mem->zone</c> is NULL (<c>early_node_zone_for_memory_block()</c>, drivers/base/memory.c).
/// </summary>
public static class BootZones
{
    /// <summary><c>MAX_DMA_PFN</c> as an address: 16 MiB.</summary>
    public static PhysAddr DmaEnd => new(16UL << 20);

    /// <summary><c>MAX_DMA32_PFN</c> as an address: 4 GiB.</summary>
    public static PhysAddr Dma32End => new(4UL << 30);

    /// <summary>The kernel zone boot memory at <paramref name="at"/> belongs to.</summary>
    public static ZoneType ZoneOf(PhysAddr at) => at < DmaEnd ? ZoneType.Dma : at < Dma32End ? ZoneType.Dma32 : ZoneType.Normal;

    /// <summary>The range cut at the zone boundaries, lowest part first.</summary>
    public static IReadOnlyList<(ZoneType Zone, PhysAddr Start, ByteSize Size)> Parts(PhysAddr start, ByteSize size)
    {
        var parts = new List<(ZoneType, PhysAddr, ByteSize)>(2);
        var at = start.Value;
        var end = start.Value + size.Bytes;
        while (at < end)
        {
            var zone = ZoneOf(new PhysAddr(at));
            var limit = zone == ZoneType.Dma ? DmaEnd.Value : zone == ZoneType.Dma32 ? Dma32End.Value : end;
            var to = Math.Min(end, limit);
            parts.Add((zone, new PhysAddr(at), new ByteSize(to - at)));
            at = to;
        }

        return parts;
    }

    /// <summary>The zone a boot block's memblock reservations (its boot memmap) are charged to: the zone of its top part.</summary>
    public static ZoneType TopZone(PhysAddr start, ByteSize size) => ZoneOf(new PhysAddr(start.Value + size.Bytes - 1));

    /// <summary>
    /// What an online block adds to <paramref name="zone"/>'s present pages: all its RAM when it is in that zone, its
    /// part there when it is a boot block across zones (<c>mem->zone</c> NULL), else nothing.
    /// </summary>
    public static PageCount BlockPresentIn(Host.HostState state, MemoryBlocks.MemoryBlock b, ZoneType zone)
    {
        ArgumentNullException.ThrowIfNull(state);
        var start = state.Blocks.StartOf(b.Id);
        return b.Zone == zone ? state.Blocks.PagesPerBlock - state.Layout.HolePagesIn(start)
            : b.Zone == ZoneType.None && b.Early ? PresentIn(state.Layout, start, zone) : PageCount.Zero;
    }

    /// <summary>
    /// The block's memblock-reserved pages that <paramref name="zone"/> is charged: all of them for a block in that zone;
    /// for a boot block across zones, the reserved first MiB to its zone (ZONE_DMA) and the rest (its boot memmap) to
    /// the zone of its top part.
    /// </summary>
    public static PageCount BlockReservedIn(Host.HostState state, MemoryBlocks.MemoryBlock b, ZoneType zone)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (b.Zone == zone)
        {
            return new PageCount(b.ReservedPages);
        }

        if (b.Zone != ZoneType.None || !b.Early)
        {
            return PageCount.Zero;
        }

        var start = state.Blocks.StartOf(b.Id);
        var low = LowReserved(state.Layout, start);
        return (zone == ZoneOf(start) ? low : PageCount.Zero) + (zone == b.MemmapZone ? new PageCount(b.ReservedPages) - low : PageCount.Zero);
    }

    /// <summary>
    /// RAM pages of the boot block at <paramref name="start"/> below 1 MiB: x86_64 memblock-reserves the whole first MiB
    /// at boot (<c>memblock_reserve(0, SZ_1M)</c> in setup_arch(), arch/x86/kernel/setup.c, since v5.13), so those pages
    /// are present but never managed.
    /// </summary>
    public static PageCount LowReserved(HostLayout layout, PhysAddr start)
    {
        ArgumentNullException.ThrowIfNull(layout);
        const ulong oneMiB = 1UL << 20;
        if (start.Value >= oneMiB)
        {
            return PageCount.Zero;
        }

        var size = new ByteSize(Math.Min(oneMiB, start.Value + layout.BlockSize.Bytes) - start.Value);
        return size.ToPages() - layout.HolePagesIn(start, size);
    }

    /// <summary>The first page of [<paramref name="start"/>, …) that is RAM: past a boot hole that begins there (the zone span starts at it).</summary>
    public static PhysAddr FirstRam(HostLayout layout, PhysAddr start)
    {
        ArgumentNullException.ThrowIfNull(layout);
        foreach (var d in layout.Dram)
        {
            foreach (var (hole, size) in d.Holes)
            {
                if (hole == start)
                {
                    return hole + size;
                }
            }
        }

        return start;
    }

    /// <summary>Present pages of the boot block at <paramref name="start"/> in <paramref name="zone"/>: its part there, less the holes in that part.</summary>
    public static PageCount PresentIn(HostLayout layout, PhysAddr start, ZoneType zone)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var total = PageCount.Zero;
        foreach (var (z, partStart, partSize) in Parts(start, layout.BlockSize))
        {
            if (z == zone)
            {
                total += partSize.ToPages() - layout.HolePagesIn(partStart, partSize);
            }
        }

        return total;
    }
}
