using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Kernel.Workload;

/// <summary>
/// Where allocated pages land. The model's buddy allocator: within a zone, the highest online block with
/// room first (deterministic; the real buddy is not).
/// </summary>
public static class PagePlacement
{
    /// <summary>Free pages a block can still hand out.</summary>
    public static PageCount Room(HostState state, MemoryBlock b)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Blocks.RoomOf(b);
    }

    /// <summary>Blocks of a node's zone, highest first, with how much each can take, to cover <paramref name="pages"/>.</summary>
    public static IReadOnlyList<(BlockId Block, PageCount Pages)> Spread(HostState state, NodeId node, ZoneType zone, PageCount pages)
    {
        List<(BlockId Block, PageCount Pages)> result = [];
        return SpreadInto(state, node, zone, pages, result) ? result : [];
    }

    /// <summary>
    /// <see cref="Spread"/> into <paramref name="result"/> (cleared first): true when the blocks cover
    /// <paramref name="pages"/>, else false with <paramref name="result"/> empty. Migration passes a list it reuses.
    /// </summary>
    internal static bool SpreadInto(HostState state, NodeId node, ZoneType zone, PageCount pages, List<(BlockId Block, PageCount Pages)> result)
    {
        ArgumentNullException.ThrowIfNull(state);
        result.Clear();
        var z = state.Nodes[node.Value][zone];
        if (z.Free < pages || pages.IsZero)
        {
            return false;
        }

        var left = pages;
        var blocks = state.Blocks;
        if (!blocks.SpanSlots(z, out var first, out var last))
        {
            return false;
        }

        // InSpanDescending's walk without its enumerator, skipping the slots at the top that are known to have no room
        // (a filled zone would otherwise be walked past its full blocks on every call: O(blocks) per migration).
        var i = last;
        var end = last + 1;
        blocks.FullSlots(z, out var fullLow, out var fullEnd);
        if (fullLow <= last && last < fullEnd)
        {
            i = fullLow - 1;
            end = fullEnd;
        }

        var found = false;
        for (; i >= first; i--)
        {
            ref readonly var b = ref blocks.Slot(i);
            if (!MemoryBlockTable.InZone(b, z))
            {
                continue;
            }

            var room = blocks.RoomOf(b);
            if (room.IsZero)
            {
                continue;
            }

            if (!found)
            {
                // Everything above this slot was skipped: no room there.
                blocks.SetFullSlots(z, i + 1, end);
                found = true;
            }

            var take = PageCount.Min(room, left);
            result.Add((b.Id, take));
            left -= take;
            if (left.IsZero)
            {
                return true;
            }
        }

        if (!found)
        {
            blocks.SetFullSlots(z, i + 1, end);
        }

        result.Clear();
        return false;
    }

    /// <summary>Nodes by distance from <paramref name="from"/>: itself, then |i - j| ascending, lower id first.</summary>
    /// <remarks>The model's SLIT: without firmware distances the zonelist falls back to the nearest node.</remarks>
    public static IEnumerable<NodeId> ByDistance(HostState state, NodeId from)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.NodesByDistance(from);
    }

    /// <summary>A GFP_KERNEL placement that may spread over several blocks of one zone, nearest node first.</summary>
    public static (NodeId Node, ZoneType Zone, IReadOnlyList<(BlockId Block, PageCount Pages)> Spread)? KernelAllocationSpread(
        HostState state, NodeId nid, PageCount pages)
    {
        foreach (var node in ByDistance(state, nid))
        {
            foreach (var zone in new[] { ZoneType.Normal, ZoneType.Dma32 })
            {
                var spread = Spread(state, node, zone, pages);
                if (spread.Count > 0)
                {
                    return (node, zone, spread);
                }
            }
        }

        return null;
    }

    /// <summary>A GFP_KERNEL placement for <paramref name="pages"/> preferring <paramref name="nid"/>: the highest kernel zone with room.</summary>
    /// <remarks>mm/sparse-vmemmap.c <c>vmemmap_alloc_block()</c> → <c>alloc_pages_node(nid, GFP_KERNEL)</c>.</remarks>
    public static (NodeId Node, ZoneType Zone, BlockId Block)? KernelAllocation(HostState state, NodeId nid, PageCount pages)
    {
        foreach (var node in ByDistance(state, nid))
        {
            foreach (var zone in new[] { ZoneType.Normal, ZoneType.Dma32 })
            {
                var spread = Spread(state, node, zone, pages);
                if (spread.Count == 1)
                {
                    return (node, zone, spread[0].Block);
                }
            }
        }

        return null;
    }
}
