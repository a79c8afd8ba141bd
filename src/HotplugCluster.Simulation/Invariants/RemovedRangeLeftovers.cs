using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Resources;

namespace HotplugCluster.Simulation.Invariants;

/// <summary>
/// Removed ranges leave nothing behind: every present block (its sections, memmap or altmap) lies inside a busy
/// System RAM resource; no vmemmap page of removed memory was handed to the buddy; no resource was leaked with a
/// released parent; and no System RAM-typed "daxX.Y" reservation of kmem outlives the memory added under it.
/// </summary>
/// <remarks>mm/memory_hotplug.c <c>try_remove_memory()</c>, <c>remove_memory_blocks_and_altmaps()</c>; drivers/dax/kmem.c <c>dev_dax_kmem_remove()</c> (bugs fixed by e686c32590f4, f42ce5f087eb and the 2026 error-path fix).</remarks>
public sealed class RemovedRangeLeftovers : IInvariant
{
    public string Name => "removed-range-leftovers";

    public string Description => "removed ranges leave no blocks, altmaps, stray vmemmap pages or leaked resources behind";

    public IEnumerable<InvariantViolation> Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.State;
        foreach (var b in s.Blocks.Present().Where(b => !OnlineBlockResource.CoveredBySystemRam(s, b.Id)))
        {
            yield return new(Name, $"{b.Id} still has its sections{(b.HasAltmap ? " and altmap" : "")} but its range has no System RAM resource");
        }

        foreach (var (block, pages) in s.StrayBuddyPages)
        {
            yield return new(Name, $"{pages.Value} vmemmap pages of removed {block} were freed into the buddy (arch_remove_memory without the block's altmap)");
        }

        foreach (var leaked in s.LeakedResources)
        {
            yield return new(Name, $"resource {leaked} left the tree with its parent and was never released (release_resource() of a resource with children)");
        }

        var pending = new Stack<Resource>();
        pending.Push(s.Resources.Root);
        while (pending.Count > 0)
        {
            var r = pending.Pop();
            foreach (var c in r.Children)
            {
                pending.Push(c);
            }

            if (!r.Name.StartsWith("dax", StringComparison.Ordinal) || (r.Kind & ResourceKind.SystemRam) == 0)
            {
                continue;
            }

            // kmem holds its reservation exactly while memory it added lies under it (a failed remove leaks both on
            // purpose); a probe or remove in progress (device lock held) may be between the two steps.
            if (context.DaxDevicesInFlight.Contains(r.Name) || s.Blocks.IdsIn(r.Start, r.Size).Any(id => s.Blocks[id].IsPresent))
            {
                continue;
            }

            var dev = s.Dax.Find(r.Name);
            yield return new(Name, $"{ResourceTreeNesting.Describe(r)} is a kmem reservation with no memory under it ({r.Name} is {(dev is null ? "gone" : dev.Driver == DaxDriver.Kmem ? "bound to kmem" : "unbound")})");
        }
    }
}
