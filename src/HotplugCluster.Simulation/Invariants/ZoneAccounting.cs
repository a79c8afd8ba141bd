using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Simulation.Invariants;

/// <summary>
/// Zone and node accounting agree with the blocks: for every zone of a node with no block mid-transition,
/// present = block pages (less boot holes) of the online blocks in the zone (a boot block across zones by its parts), managed + vmemmap + memblock-reserved = present,
/// allocated (so free = managed − allocated) = the pages used in those blocks, and the span covers each of them.
/// </summary>
/// <remarks>mm/memory_hotplug.c <c>adjust_present_page_count()</c>, <c>adjust_managed_page_count()</c>, <c>resize_zone_range()</c>.</remarks>
public sealed class ZoneAccounting : IInvariant
{
    public string Name => "zone-accounting";

    public string Description => "present, managed, free and vmemmap pages of every zone agree with its online blocks";

    public IEnumerable<InvariantViolation> Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.State;
        var perBlock = s.Blocks.PagesPerBlock;
        var registered = s.Blocks.Registered().ToList();
        foreach (var node in s.Nodes)
        {
            if (registered.Any(b => b.Nid == node.Id && context.BlocksInFlight.Contains(b.Id.ToString())))
            {
                continue;
            }

            foreach (var zone in node.Zones)
            {
                var inNode = registered.Where(b => b.Nid == node.Id && b.State != MemoryBlockState.Offline).ToList();
                var online = inNode.Where(b => b.PageZone == zone.Type).ToList();
                var present = inNode.Aggregate(PageCount.Zero, (a, b) => a + BootZones.BlockPresentIn(s, b, zone.Type));
                var where = $"node{node.Id.Value} {zone.Type}";
                if (zone.Present != present)
                {
                    yield return new(Name, $"{where}: present {zone.Present.Value} pages, but {online.Count} online blocks hold {present.Value}");
                }

                var vmemmap = online.Aggregate(PageCount.Zero, (a, b) => a + b.VmemmapPages);
                var reserved = inNode.Aggregate(PageCount.Zero, (a, b) => a + BootZones.BlockReservedIn(s, b, zone.Type));
                if (zone.Managed.Value + vmemmap.Value + reserved.Value != zone.Present.Value)
                {
                    yield return new(Name, $"{where}: managed {zone.Managed.Value} + vmemmap {vmemmap.Value} + reserved {reserved.Value} != present {zone.Present.Value}");
                }

                var used = online.Aggregate(PageCount.Zero, (a, b) => a + b.UsedPages);
                if (zone.Allocated != used)
                {
                    yield return new(Name, $"{where}: allocated {zone.Allocated.Value} pages (free {(zone.Managed.Value >= zone.Allocated.Value ? zone.Managed.Value - zone.Allocated.Value : 0)}), but its blocks use {used.Value}");
                }

                foreach (var b in online.Where(b => !zone.Intersects(s.Blocks.StartPfnOf(b.Id), perBlock)))
                {
                    yield return new(Name, $"{where}: online {b.Id} lies outside the zone span");
                }
            }
        }
    }
}
