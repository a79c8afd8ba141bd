using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Operations;
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
    }

    /// <summary>The bus probes at boot: each dax device goes to the first driver that matches it.</summary>
    public static IEnumerable<KernelOperation> Probes(HostState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var dev in state.Dax.Devices.ToList())
        {
            // Driver registration order: device_dax, then kmem (both modules loaded); the first match binds.
            var driver = state.Dax.Matches(DaxDriver.DeviceDax, dev) ? DaxDriver.DeviceDax : DaxDriver.Kmem;
            yield return new DaxDriverAttach(dev.Name, driver, DaxAttachKind.Boot);
        }
    }
}
