using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Kernel.Workload;

/// <summary>
/// Where the page allocator puts the kernel's own unmovable (GFP_KERNEL) pages: the zonelist order, the migratetype free
/// lists and the pageblock steal of the buddy allocator, as far as they decide which memory block a page lands in.
/// </summary>
public static class KernelZonelist
{
    // gfp_zone(GFP_KERNEL) is ZONE_NORMAL: a kernel page never comes from ZONE_MOVABLE. ZONE_DMA sits behind its
    // lowmem_reserve, which the model never reaches (docs/kernel-model.md, "The x86_64 boot layout").
    private static readonly ZoneType[] KernelZones = [ZoneType.Normal, ZoneType.Dma32];

    /// <summary>
    /// The zone a GFP_KERNEL allocation by a CPU of <paramref name="nid"/> takes its page from: the first zone of the node's
    /// zonelist (its own zones highest first, then the other nodes by distance) with free pages; null when all are full.
    /// </summary>
    /// <remarks>build_zonelists() and get_page_from_freelist(), mm/page_alloc.c (6.1, 6.12).</remarks>
    public static Zone? PreferredZone(HostState state, NodeId nid)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var node in state.NodesByDistance(nid))
        {
            foreach (var type in KernelZones)
            {
                var zone = state.Nodes[node.Value][type];
                if (!zone.Free.IsZero)
                {
                    return zone;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The block a GFP_KERNEL allocation of <paramref name="pages"/> contiguous pages by a CPU of <paramref name="nid"/>
    /// lands in: the zonelist's zones in order; in a zone, a block that already holds unmovable pages (its unmovable
    /// pageblocks' free lists are taken first), else any block with room (the fallback steal), highest first. Pages this
    /// caller already took in the same step are in <paramref name="claims"/>, which is updated. Null when nothing has room.
    /// </summary>
    /// <remarks>get_page_from_freelist() → __rmqueue() → __rmqueue_smallest(), then __rmqueue_fallback(), mm/page_alloc.c (6.1, 6.12).</remarks>
    public static BlockId? Place(HostState state, NodeId nid, PageCount pages, Dictionary<BlockId, PageCount> claims)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(claims);
        foreach (var node in state.NodesByDistance(nid))
        {
            foreach (var type in KernelZones)
            {
                var zone = state.Nodes[node.Value][type];
                if (zone.Free < pages || !state.Blocks.SpanSlots(zone, out var first, out var last))
                {
                    continue;
                }

                foreach (var unmovableOnly in (ReadOnlySpan<bool>)[true, false])
                {
                    for (var i = last; i >= first; i--)
                    {
                        ref readonly var b = ref state.Blocks.Slot(i);
                        if (!MemoryBlockTable.InZone(b, zone) || (unmovableOnly && !b.HasUnmovablePages))
                        {
                            continue;
                        }

                        var claimed = claims.GetValueOrDefault(b.Id);
                        if (state.Blocks.RoomOf(b) >= claimed + pages)
                        {
                            claims[b.Id] = claimed + pages;
                            return b.Id;
                        }
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the zone has MIGRATE_UNMOVABLE pageblocks for an unmovable request to take from before it falls back: boot
    /// memory has them (the kernel's boot allocations made them), and so does a block already holding unmovable pages.
    /// Onlined memory alone has none: online_pages() frees it as MIGRATE_MOVABLE pageblocks.
    /// </summary>
    /// <remarks>__rmqueue_smallest() before __rmqueue_fallback(), mm/page_alloc.c; online_pages(), mm/memory_hotplug.c (6.1, 6.12).</remarks>
    public static bool HasUnmovablePageblocks(HostState state, Zone zone)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(zone);
        if (!zone.PresentEarly.IsZero)
        {
            return true;
        }

        var blocks = state.Blocks;
        if (!blocks.SpanSlots(zone, out var first, out var last))
        {
            return false;
        }

        for (var i = first; i <= last; i++)
        {
            ref readonly var b = ref blocks.Slot(i);
            if (MemoryBlockTable.InZone(b, zone) && b.State == MemoryBlockState.Online && b.HasUnmovablePages)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the kernel's first unmovable allocation after <paramref name="block"/> went online lands in it: the block's
    /// zone is the zone some CPU's GFP_KERNEL allocations take first, and the zone has no unmovable pageblock, so the
    /// request steals a pageblock from the head of the MIGRATE_MOVABLE free list, where this block's pages are (a block
    /// onlined earlier into the zone while it was preferred would have been pinned at its own online).
    /// </summary>
    /// <remarks>
    /// __rmqueue_fallback() and steal_suitable_fallback(), mm/page_alloc.c; online_pages() frees the range to the tail of the
    /// free lists (undo_isolate_page_range()), mm/memory_hotplug.c (6.1, 6.12).
    /// </remarks>
    public static bool FallbackStealsFrom(HostState state, MemoryBlock block)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (block.State != MemoryBlockState.Online || Array.IndexOf(KernelZones, block.Zone) < 0)
        {
            return false;
        }

        var zone = state.Nodes[block.Nid.Value][block.Zone];
        if (HasUnmovablePageblocks(state, zone))
        {
            return false;
        }

        foreach (var node in state.Nodes)
        {
            if (node.Cpus > 0 && ReferenceEquals(PreferredZone(state, node.Id), zone))
            {
                return true;
            }
        }

        return false;
    }
}
