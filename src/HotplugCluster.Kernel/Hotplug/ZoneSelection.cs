using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Kernel.Hotplug;

/// <summary>
/// Which zone a block goes to when onlined (mm/memory_hotplug.c, the online policies <c>contig-zones</c> and
/// <c>auto-movable</c>).
/// </summary>
public static class ZoneSelection
{
    /// <summary>The zone for onlining [pfn, pfn+nr) of node <paramref name="nid"/> with <paramref name="type"/>.</summary>
    /// <remarks>mm/memory_hotplug.c <c>zone_for_pfn_range()</c>.</remarks>
    public static ZoneType ZoneForPfnRange(HostState state, OnlineType type, NodeId nid, MemoryGroup? group, Pfn pfn, PageCount nr)
    {
        ArgumentNullException.ThrowIfNull(state);
        return type switch
        {
            OnlineType.OnlineKernel => DefaultKernelZoneForPfn(state, nid, pfn, nr),
            OnlineType.OnlineMovable => ZoneType.Movable,
            _ when state.Parameters.OnlinePolicy == OnlinePolicy.AutoMovable => AutoMovableZoneForPfn(state, nid, group, pfn, nr),
            _ => DefaultZoneForPfn(state, nid, pfn, nr),
        };
    }

    /// <summary>The first of DMA, DMA32 whose span intersects the range, else Normal.</summary>
    /// <remarks>mm/memory_hotplug.c <c>default_kernel_zone_for_pfn()</c>.</remarks>
    public static ZoneType DefaultKernelZoneForPfn(HostState state, NodeId nid, Pfn pfn, PageCount nr)
    {
        ArgumentNullException.ThrowIfNull(state);
        var node = state.Nodes[nid.Value];
        return node[ZoneType.Dma].Intersects(pfn, nr) ? ZoneType.Dma
            : node[ZoneType.Dma32].Intersects(pfn, nr) ? ZoneType.Dma32 : ZoneType.Normal;
    }

    /// <summary>contig-zones: inherit the one zone that spans the range, else kernel (Movable with movable_node).</summary>
    /// <remarks>mm/memory_hotplug.c <c>default_zone_for_pfn()</c>.</remarks>
    public static ZoneType DefaultZoneForPfn(HostState state, NodeId nid, Pfn pfn, PageCount nr)
    {
        ArgumentNullException.ThrowIfNull(state);
        var kernel = DefaultKernelZoneForPfn(state, nid, pfn, nr);
        var node = state.Nodes[nid.Value];
        var inKernel = node[kernel].Intersects(pfn, nr);
        var inMovable = node[ZoneType.Movable].Intersects(pfn, nr);
        if (inKernel ^ inMovable)
        {
            return inKernel ? kernel : ZoneType.Movable;
        }

        return state.Parameters.MovableNode ? ZoneType.Movable : kernel;
    }

    /// <summary>auto-movable: Movable only if the whole remaining static group fits the MOVABLE:KERNEL_EARLY ratio.</summary>
    /// <remarks>mm/memory_hotplug.c <c>auto_movable_zone_for_pfn()</c> (static groups and no group; no dynamic groups).</remarks>
    public static ZoneType AutoMovableZoneForPfn(HostState state, NodeId nid, MemoryGroup? group, Pfn pfn, PageCount nr)
    {
        ArgumentNullException.ThrowIfNull(state);
        var p = state.Parameters;
        if (p.AutoMovableRatio == 0)
        {
            return DefaultKernelZoneForPfn(state, nid, pfn, nr);
        }

        var maxPages = nr;
        var onlinePages = PageCount.Zero;
        if (group is not null)
        {
            if (!group.PresentKernelPages.IsZero)
            {
                return DefaultKernelZoneForPfn(state, nid, pfn, nr);
            }

            maxPages = group.MaxPages;
            onlinePages = group.PresentMovablePages;
        }

        var remaining = maxPages - PageCount.Min(onlinePages, maxPages);
        if (!CanOnlineMovable(state, null, remaining)
            || (p.AutoMovableNumaAware && !CanOnlineMovable(state, nid, remaining)))
        {
            return DefaultKernelZoneForPfn(state, nid, pfn, nr);
        }

        return ZoneType.Movable;
    }

    /// <summary>movable + nr &lt;= ratio% of early kernel pages, system-wide or on one node.</summary>
    /// <remarks>mm/memory_hotplug.c <c>auto_movable_can_online_movable()</c> (no CMA, no dynamic groups).</remarks>
    public static bool CanOnlineMovable(HostState state, NodeId? nid, PageCount nr)
    {
        ArgumentNullException.ThrowIfNull(state);
        ulong kernelEarly = 0;
        ulong movable = 0;
        // Index loops: the list interfaces' enumerators would be allocated for every block onlined.
        for (var n = 0; n < state.Nodes.Count; n++)
        {
            var node = state.Nodes[n];
            if (nid is { } only && node.Id != only)
            {
                continue;
            }

            for (var z = 0; z < node.Zones.Count; z++)
            {
                var zone = node.Zones[z];
                if (!zone.IsPopulated)
                {
                    continue;
                }

                if (zone.Type == ZoneType.Movable)
                {
                    movable += zone.Present.Value;
                }
                else
                {
                    kernelEarly += zone.PresentEarly.Value;
                }
            }
        }

        if (kernelEarly == 0)
        {
            return false;
        }

        movable = checked(movable + nr.Value);
        return movable <= checked(state.Parameters.AutoMovableRatio * kernelEarly) / 100;
    }
}
