using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Host;
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
            : kind == PageKind.Unmovable ? [ZoneType.Normal, ZoneType.Dma32]
            : [ZoneType.Movable, ZoneType.Normal, ZoneType.Dma32];
        var events = new List<KernelEvent>();
        var left = pages;
        foreach (var z in zones)
        {
            var room = ZoneRoom(s, z);
            var take = PageCount.Min(room, left);
            if (take.IsZero)
            {
                continue;
            }

            // The state's scratch list, read before the step returns: a spread over a filled node names thousands of blocks.
            var spread = s.MigrationScratch;
            PagePlacement.SpreadInto(s, node, z, take, spread);
            events.Capacity = Math.Max(events.Capacity, events.Count + spread.Count);
            foreach (var t in spread)
            {
                events.Add(new PagesAllocated(t.Block, kind, t.Pages));
            }

            left -= take;
            if (left.IsZero)
            {
                return StepResult.Ok(events);
            }
        }

        return StepResult.Fail(Errno.ENOMEM);
    }

    private PageCount ZoneRoom(HostState s, ZoneType z)
    {
        var total = PageCount.Zero;
        foreach (var b in s.Blocks.InSpanDescending(s.Nodes[node.Value][z]))
        {
            total += PagePlacement.Room(s, b);
        }

        return PageCount.Min(total, s.Nodes[node.Value][z].Free);
    }
}
