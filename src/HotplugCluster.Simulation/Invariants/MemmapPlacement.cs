using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Simulation.Invariants;

/// <summary>
/// Every added block has its memmap: boot blocks from memblock, hot-added blocks either on their own altmap
/// (hosted by the block itself) or as pages charged to a present host block whose hosted count matches; and a
/// kmem range's blocks have an altmap iff the dax device asked for memmap_on_memory and the kernel supports it.
/// </summary>
/// <remarks>mm/memory_hotplug.c <c>add_memory_resource()</c>, <c>mhp_supports_memmap_on_memory()</c>; drivers/dax/kmem.c; mm/sparse-vmemmap.c.</remarks>
public sealed class MemmapPlacement : IInvariant
{
    public string Name => "memmap-placement";

    public string Description => "every present block has its memmap, on its own altmap iff added with memmap_on_memory";

    public IEnumerable<InvariantViolation> Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.State;
        var hosted = new SortedDictionary<BlockId, ulong>();
        foreach (var b in s.Blocks.Present())
        {
            if (b.MemmapPages == 0 && b.Memmap != MemmapSource.Boot)
            {
                yield return new(Name, $"{b.Id} is present with no memmap pages");
            }

            switch (b.Memmap)
            {
                case MemmapSource.Altmap when b.MemmapHost != b.Id:
                    yield return new(Name, $"{b.Id} has an altmap hosted by {b.MemmapHost}, not by itself");
                    break;
                case MemmapSource.Node:
                    hosted[b.MemmapHost] = hosted.GetValueOrDefault(b.MemmapHost) + b.MemmapPages;
                    if (!s.Blocks[b.MemmapHost].IsPresent)
                    {
                        yield return new(Name, $"{b.Id}'s memmap is charged to {b.MemmapHost}, which is not present");
                    }

                    break;
                case MemmapSource.Boot when !b.Early:
                    yield return new(Name, $"{b.Id} has a boot memmap but was hot-added");
                    break;
            }
        }

        foreach (var dev in s.Dax.Devices.Where(d => d.DevdaxMemmap is not null))
        {
            foreach (var h in dev.DevdaxMemmap!.Hosts)
            {
                hosted[h.Block] = hosted.GetValueOrDefault(h.Block) + h.Pages.Value;
            }
        }

        foreach (var b in s.Blocks.Present())
        {
            var expected = hosted.GetValueOrDefault(b.Id);
            if (b.HostedMemmapPages != expected)
            {
                yield return new(Name, $"{b.Id} hosts {b.HostedMemmapPages} memmap pages, but the blocks and devices charged to it need {expected}");
            }
        }

        foreach (var v in KmemAltmaps(s))
        {
            yield return new(Name, v);
        }
    }

    private static IEnumerable<string> KmemAltmaps(HostState s)
    {
        if (s.Version == KernelVersion.V6_1)
        {
            yield break;
        }

        var supported = MemmapOnMemory.Supports(s, s.BlockSize);
        foreach (var dev in s.Dax.Devices.Where(d => d.Driver == DaxDriver.Kmem && d.Kmem is { Leaked: false }))
        {
            var want = dev.MemmapOnMemory && supported;
            foreach (var range in dev.Kmem!.Ranges.Where(r => r.Added))
            {
                foreach (var id in s.Blocks.IdsIn(range.Start, range.Size))
                {
                    var b = s.Blocks[id];
                    if (b.IsPresent && b.HasAltmap != want)
                    {
                        yield return $"{id} of {dev.Name} {(b.HasAltmap ? "has" : "lacks")} an altmap although memmap_on_memory is {(want ? "in effect" : "not in effect")}";
                    }
                }
            }
        }
    }
}
