using HotplugCluster.Kernel.Host;

namespace HotplugCluster.Simulation.Invariants;

/// <summary>
/// Memory left behind by a CXL device that is gone is on record: every present block inside a CXL window whose dax
/// region no longer exists (the device was removed, or re-inserted over busy System RAM) lies in a range recorded as
/// orphaned, and no recorded range lies under a live dax region. A surprise removal under online memory is kernel
/// behaviour, not a violation; an unrecorded leftover, or a record of memory a device still backs, is.
/// </summary>
/// <remarks>drivers/dax/kmem.c <c>dev_dax_kmem_remove()</c> ("cannot be hotremoved until the next reboot"), drivers/cxl/core/region.c teardown.</remarks>
public sealed class OrphanedCxlMemory : IInvariant
{
    public string Name => "orphaned-cxl-memory";

    public string Description => "memory a removed CXL device left behind is recorded as orphaned, and only that";

    public IEnumerable<InvariantViolation> Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.State;
        foreach (var w in s.Layout.CxlWindows)
        {
            // A teardown or an insert in progress holds the memdev's lock: between its steps the record may lag.
            if (context.Step is { } step && step.AllHeld.Any(h => h.Lock == Kernel.Operations.KernelLock.CxlMemdev && h.Instance == w.Device.Name))
            {
                continue;
            }

            var live = s.Dax.Region(w.Index) is not null;
            foreach (var id in s.Blocks.IdsIn(w.Start, w.Size).Where(id => s.Blocks[id].IsPresent))
            {
                var start = s.Blocks.StartOf(id);
                var recorded = Recorded(s, start);
                if (!live && !recorded)
                {
                    yield return new(Name, $"{id} ({s.Blocks[id].State}) is still present in {w.Device.Name}'s window, which has no dax region, but is not recorded as orphaned");
                }
                else if (live && recorded)
                {
                    yield return new(Name, $"{id} is recorded as orphaned but dax_region{w.Index} of {w.Device.Name} backs it");
                }
            }
        }
    }

    private static bool Recorded(HostState s, Kernel.Units.PhysAddr start) =>
        s.OrphanedCxlMemory.Any(o => o.Start <= start && start.Value < o.Start.Value + o.Size.Bytes);
}
