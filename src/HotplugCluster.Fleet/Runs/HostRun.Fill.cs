using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Workload;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Fleet.Runs;

/// <summary>The fill operation: per node, the class's workload drawn from the host's seed.</summary>
internal sealed partial class HostRun
{
    /// <summary>
    /// For every node in id order: draw the fill, unmovable and pinned shares; allocate movable pages on the node, and
    /// unmovable and pinned pages from kernel zones, the node's first, then the nearest node with kernel-zone room (as a
    /// GFP_KERNEL allocation walks its zonelist); what finds no room is counted as shortfall. Pinned pages stand for
    /// long-term pins (FOLL_LONGTERM), which the kernel never leaves in ZONE_MOVABLE: mm/gup.c
    /// <c>check_and_migrate_movable_pages()</c> migrates them out first (<c>folio_is_longterm_pinnable()</c>).
    /// </summary>
    private void Fill()
    {
        var s = _host.State;
        var w = _class.Workload;
        for (var n = 0; n < s.Nodes.Count; n++)
        {
            var fill = w.Fill.Draw(_random);
            var unmovableShare = w.Unmovable.Draw(_random);
            var pinnedShare = w.Pinned.Draw(_random);
            var node = s.Nodes[n];
            var target = (ulong)Math.Floor(fill * node.Managed.Value);
            var used = node.Managed.Value - node.Free.Value;
            if (target <= used)
            {
                continue;
            }

            var need = target - used;
            var unmovable = (ulong)Math.Floor(need * unmovableShare);
            var pinned = Math.Min((ulong)Math.Floor(need * pinnedShare), need - unmovable);
            var movable = need - unmovable - pinned;
            var id = new NodeId(n);
            AllocateKernel(id, PageKind.Pinned, pinned);
            Allocate(id, PageKind.Movable, movable);
            AllocateKernel(id, PageKind.Unmovable, unmovable);
        }
    }

    private void Allocate(NodeId node, PageKind kind, ulong pages)
    {
        var room = _host.State.Nodes[node.Value].Free.Value;
        var take = Math.Min(pages, room);
        if (take > 0)
        {
            var op = _host.Run(new WorkloadAllocate(node, kind, new PageCount(take)));
            take = op.Error is null ? take : 0;
        }

        _fillShortfall += (long)(pages - take);
    }

    private void AllocateKernel(NodeId node, PageKind kind, ulong pages)
    {
        var s = _host.State;
        var order = Enumerable.Range(0, s.Nodes.Count).OrderBy(j => Math.Abs(j - node.Value)).ThenBy(j => j);
        foreach (var j in order)
        {
            foreach (var zone in new[] { ZoneType.Normal, ZoneType.Dma32 })
            {
                var take = Math.Min(pages, s.Nodes[j][zone].Free.Value);
                if (take == 0)
                {
                    continue;
                }

                var op = _host.Run(new WorkloadAllocate(new NodeId(j), kind, new PageCount(take), zone));
                if (op.Error is null)
                {
                    pages -= take;
                }
            }
        }

        _fillShortfall += (long)pages;
    }
}
