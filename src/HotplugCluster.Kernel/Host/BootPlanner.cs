using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Resources;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Host;

/// <summary>What a host looks like when user space starts, as events, and the driver probes boot runs.</summary>
public static class BootPlanner
{
    /// <summary>dax alignment of CXL dax regions (<c>PMD_SIZE</c>, drivers/dax/cxl.c).</summary>
    public static ByteSize CxlDaxAlign => ByteSize.FromMiB(2);

    public static IEnumerable<KernelEvent> Plan(HostLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        foreach (var n in layout.Settings.NumaNodes)
        {
            // Nodes with CPUs or memory are online at boot; a CPU-less, memory-less node waits for hot-add.
            if (n.Cpus > 0 || !n.Dram.IsZero)
            {
                yield return new NodeRegistered(new NodeId(n.Id));
            }
        }

        foreach (var d in layout.Dram)
        {
            yield return new BootMemoryAdded(d.Node, d.Start, d.Size);
            foreach (var (start, size) in d.Holes)
            {
                yield return new BootMemoryHole(d.Node, start, size);
            }
        }

        var onSixEight = layout.Settings.Kernel.Version != KernelVersion.V6_1;
        foreach (var w in layout.CxlWindows)
        {
            var target = new NodeId(w.Device.TargetNode);
            yield return new CxlWindowCreated(w.Index, w.Start, w.Size);
            if (!w.Device.Present)
            {
                // An empty slot: the CFMWS window is firmware's and exists anyway; the device comes with `cxl insert`.
                continue;
            }

            yield return new CxlRegionCreated(w.Index, w.Device.Name, w.Start, w.Size, w.Device.InterleaveWays, target);

            // cxl_dax_region_probe(): a kmem region, and dax<region>.0 over all of it; memmap_on_memory defaults
            // to true from v6.8 (the field does not exist before).
            yield return new DaxRegionCreated(w.Index, w.Start, w.Size, target, CxlDaxAlign, Kmem: true);
            yield return new DaxDeviceCreated(w.Index, 0, w.Start, w.Size, target, CxlDaxAlign, MemmapOnMemory: onSixEight);
            if (w.Device.Mode == CxlDeviceMode.Devdax)
            {
                yield return new DaxIdAdded(DaxDriver.DeviceDax, $"dax{w.Index}.0");
            }
        }

        foreach (var p in layout.PmemRegions)
        {
            foreach (var e in PlanPmem(p))
            {
                yield return e;
            }
        }
    }

    /// <summary>
    /// A pmem region with one devdax namespace: e820/NFIT's "Persistent Memory", <c>dax_pmem</c> reserving the pfn
    /// metadata as the namespace, a static dax region over the data, and its dax device with memmap_on_memory 0; a
    /// device declared system-ram gets kmem's new_id entry, as <c>daxctl reconfigure-device -m system-ram</c> leaves it.
    /// </summary>
    /// <remarks>__dax_pmem_probe(), drivers/dax/pmem.c (6.12): alloc_dax_region(IORESOURCE_DAX_STATIC), .memmap_on_memory = false.</remarks>
    private static IEnumerable<KernelEvent> PlanPmem(PmemRegionLayout p)
    {
        var target = new NodeId(p.Device.TargetNode);
        yield return new ResourceRequested(p.Start, p.Size, PersistentMemory, ResourceKind.Mem);
        yield return new ResourceRequested(p.Start, p.DataOffset, p.Namespace, ResourceKind.Mem | ResourceKind.Busy);
        yield return new DaxRegionCreated(p.RegionId, p.DataStart, p.DataSize, target, p.Device.PfnAlign, Kmem: false);
        yield return new DaxDeviceCreated(p.RegionId, 0, p.DataStart, p.DataSize, target, p.Device.PfnAlign, MemmapOnMemory: false);
        if (p.Device.Mode == CxlDeviceMode.SystemRam)
        {
            yield return new DaxIdAdded(DaxDriver.Kmem, p.DaxName);
        }
    }

    /// <summary>The iomem name of an e820 persistent-memory range (<c>e820_type_to_string()</c>, E820_TYPE_PMEM).</summary>
    public const string PersistentMemory = "Persistent Memory";

    /// <summary>The bus probes at boot: each dax device goes to the first driver that matches it.</summary>
    public static IEnumerable<KernelOperation> Probes(HostState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var dev in state.Dax.Devices.ToList())
        {
            // Driver registration order: device_dax, then kmem (both modules loaded); the first match binds. A device on
            // kmem's new_id list at boot stands for one daxctl moved to kmem after boot.
            var driver = state.Dax.Ids(DaxDriver.Kmem).Contains(dev.Name) || !state.Dax.Matches(DaxDriver.DeviceDax, dev)
                ? DaxDriver.Kmem
                : DaxDriver.DeviceDax;
            yield return new DaxDriverAttach(dev.Name, driver, DaxAttachKind.Boot);
        }
    }
}
