using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Resources;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Simulation.Invariants;

/// <summary>No online (or going-offline) block without its busy "System RAM" resource covering it.</summary>
/// <remarks>mm/memory_hotplug.c <c>register_memory_resource()</c> before <c>add_memory_resource()</c>; <c>release_mem_region_adjustable()</c> only at remove.</remarks>
public sealed class OnlineBlockResource : IInvariant
{
    public string Name => "online-block-resource";

    public string Description => "no online block without its busy System RAM resource";

    public IEnumerable<InvariantViolation> Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.State;
        foreach (var b in s.Blocks.Registered().Where(b => b.State is MemoryBlockState.Online or MemoryBlockState.GoingOffline))
        {
            if (!CoveredBySystemRam(s, b.Id))
            {
                yield return new(Name, $"{b.Id} is {b.State} but no busy System RAM resource covers it");
            }
        }
    }

    /// <summary>Whether a busy System RAM resource contains the whole block, or (a boot block with firmware holes) busy System RAM covers all of it but its holes.</summary>
    internal static bool CoveredBySystemRam(HostState s, BlockId id)
    {
        var start = s.Blocks.StartOf(id);
        var holes = s.Layout.HolePagesIn(start);
        if (!holes.IsZero)
        {
            return s.Resources.SystemRamPages(start, s.BlockSize) + holes == s.Blocks.PagesPerBlock;
        }

        var end = new PhysAddr(start.Value + s.BlockSize.Bytes - 1);
        var node = s.Resources.Root;
        while (true)
        {
            var next = node.Children.FirstOrDefault(c => c.Start <= start && c.End >= end);
            if (next is null)
            {
                return false;
            }

            if ((next.Kind & (ResourceKind.SystemRam | ResourceKind.Busy)) == (ResourceKind.SystemRam | ResourceKind.Busy))
            {
                return true;
            }

            node = next;
        }
    }
}
