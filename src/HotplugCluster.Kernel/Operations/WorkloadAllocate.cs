using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Workload;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// The workload allocates pages on a node: movable and pinned pages from the highest zone with room
/// (Movable, Normal, DMA32: GFP_HIGHUSER_MOVABLE), unmovable ones from kernel zones (GFP_KERNEL), or from
/// one given zone. No fallback to other nodes: -ENOMEM when the node is full.
/// </summary>
public sealed class WorkloadAllocate(NodeId node, PageKind kind, PageCount pages, ZoneType? zone = null) : KernelOperation
{
    // GFP_KERNEL's and GFP_HIGHUSER_MOVABLE's zones, highest first: made once, never written.
    private static readonly ZoneType[] KernelZones = [ZoneType.Normal, ZoneType.Dma32];
    private static readonly ZoneType[] MovableZones = [ZoneType.Movable, ZoneType.Normal, ZoneType.Dma32];

    public override string Name => "alloc_pages_node";

    public override IEnumerable<KernelStep> Steps()
    {
        yield return Work("allocate", StateOwner.Node, KernelLock.None, Allocate);
        Error = Last.Error;
    }

    private StepResult Allocate(HostState s)
    {
        if (s.Node(node) is null)
        {
            return StepResult.Fail(Errno.EINVAL);
        }

        ZoneType[] zones = zone is { } only ? [only]
            : kind == PageKind.Unmovable ? KernelZones
            : MovableZones;
        // The events go straight into an array of their final size when one zone covers the pages (a fleet's fill): a list
        // grown and then copied was ~2.5% of what a fleet host allocated. A spread over more zones extends it per zone.
        KernelEvent[] events = [];
        var left = pages;
        foreach (var z in zones)
        {
            var take = ZoneRoom(s, z, left);
            if (take.IsZero)
            {
                continue;
            }

            // The thread's scratch list (HostState.MigrationScratch), read before the step returns: a spread over a filled node names thousands of blocks.
            var spread = HostState.MigrationScratch;
            PagePlacement.SpreadInto(s, node, z, take, spread);
            var at = events.Length;
            Array.Resize(ref events, at + spread.Count);
            for (var i = 0; i < spread.Count; i++)
            {
                events[at + i] = new PagesAllocated(spread[i].Block, kind, spread[i].Pages);
            }

            left -= take;
            if (left.IsZero)
            {
                return StepResult.Ok(events);
            }
        }

        return StepResult.Fail(Errno.ENOMEM);
    }

    // The zone's room as the step uses it, min(room, wanted): the walk stops once the blocks seen cover wanted, since then
    // min(sum, free, wanted) = min(free, wanted) whatever the blocks below add, and it starts below the top slots known to
    // have no room (PagePlacement.SpreadInto keeps that range), which add nothing. The whole walk of every block was 4-5% of
    // a fleet host's CPU. Slots, not InSpanDescending: same blocks, no enumerator.
    private PageCount ZoneRoom(HostState s, ZoneType z, PageCount wanted)
    {
        var zone = s.Nodes[node.Value][z];
        var blocks = s.Blocks;
        var total = PageCount.Zero;
        if (blocks.SpanSlots(zone, out var first, out var last))
        {
            blocks.FullSlots(zone, out var fullLow, out var fullEnd);
            var top = fullLow <= last && last < fullEnd ? fullLow - 1 : last;
            for (var i = top; i >= first && total < wanted; i--)
            {
                ref readonly var b = ref blocks.Slot(i);
                if (MemoryBlockTable.InZone(b, zone))
                {
                    total += blocks.RoomOf(b);
                }
            }
        }

        return PageCount.Min(PageCount.Min(total, zone.Free), wanted);
    }
}
