using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Simulation.Invariants;

/// <summary>
/// Memory-group counters: a group's present kernel and movable pages equal the pages of its online blocks in kernel
/// zones and in ZONE_MOVABLE (groups with a block mid-transition are skipped), never exceed the group's maximum, and
/// a group without blocks counts nothing.
/// </summary>
/// <remarks>mm/memory_hotplug.c <c>adjust_present_page_count()</c> (group->present_kernel_pages / present_movable_pages); drivers/base/memory.c memory groups.</remarks>
public sealed class MemoryGroupCounters : IInvariant
{
    public string Name => "memory-group-counters";

    public string Description => "memory-group present kernel/movable pages agree with the group's online blocks";

    public IEnumerable<InvariantViolation> Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.State;
        var perBlock = s.Blocks.PagesPerBlock.Value;
        foreach (var g in s.Groups.All.OrderBy(g => g.Id))
        {
            var members = s.Blocks.Registered().Where(b => b.GroupId == g.Id).ToList();
            if (members.Any(b => context.BlocksInFlight.Contains(b.Id.ToString())))
            {
                continue;
            }

            var online = members.Where(b => b.State != MemoryBlockState.Offline).ToList();
            var movable = new PageCount(perBlock * (ulong)online.Count(b => b.Zone == ZoneType.Movable));
            var kernel = new PageCount(perBlock * (ulong)online.Count(b => b.Zone != ZoneType.Movable));
            if (g.PresentMovablePages != movable || g.PresentKernelPages != kernel)
            {
                yield return new(Name, $"group {g.Id}: present kernel {g.PresentKernelPages.Value} / movable {g.PresentMovablePages.Value} pages, but its online blocks hold {kernel.Value} / {movable.Value}");
            }

            if ((g.PresentKernelPages + g.PresentMovablePages).Value > g.MaxPages.Value && g.MaxPages.Value > 0)
            {
                yield return new(Name, $"group {g.Id}: {(g.PresentKernelPages + g.PresentMovablePages).Value} present pages exceed its maximum {g.MaxPages.Value}");
            }
        }
    }
}
