using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Settings;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// A CXL memory expander hot-inserted into its slot: <c>cxl_pci_probe()</c> → <c>devm_cxl_add_memdev()</c> →
/// <c>cxl_mem_probe()</c> under the memdev's device lock, which finds the BIOS-programmed (auto) decoders and
/// assembles the region (<c>cxl_add_to_region()</c> → <c>construct_region()</c>, <c>insert_resource()</c>); then
/// <c>cxl_region_probe()</c> (no dax region when part of the range is already busy System RAM) →
/// <c>cxl_dax_region_probe()</c> → <c>alloc_dax_region(IORESOURCE_DAX_KMEM)</c> and <c>devm_create_dev_dax()</c>
/// (dax&lt;region&gt;.0 over the whole region, memmap_on_memory from v6.8) under dax_region_rwsem; the dax bus then
/// probes the device (kmem for a kmem region) as at boot, after the memdev's lock is dropped (kmem probes asynchronously).
/// -ENODEV for a memdev no cxl-devices entry declares, -EBUSY when it is already present.
/// </summary>
/// <remarks>drivers/cxl/pci.c, drivers/cxl/mem.c, drivers/cxl/core/region.c, drivers/dax/cxl.c, drivers/dax/bus.c.</remarks>
public sealed class CxlMemdevInsert(string memdev) : KernelOperation
{
    public override string Name => "cxl_pci_probe";

    protected override string? TargetOf(StateOwner owner) => owner == StateOwner.CxlDevice ? memdev : null;

    public override IEnumerable<KernelStep> Steps()
    {
        CxlWindowLayout? window = null;
        yield return Work("pci_bus_add_device: find slot", StateOwner.Host, KernelLock.None, s =>
        {
            window = s.Layout.CxlWindows.FirstOrDefault(w => w.Device.Name == memdev);
            return window is null ? StepResult.Fail(Errno.ENODEV) : StepResult.Ok();
        });
        if (Last.Failed)
        {
            Error = Last.Error;
            yield break;
        }

        var w = window!;
        var target = new Units.NodeId(w.Device.TargetNode);
        yield return Acquire(KernelLock.CxlMemdev, memdev);
        yield return Work("cxl_mem_probe: cxl_add_to_region", StateOwner.CxlDevice, KernelLock.CxlMemdev, s =>
            s.CxlMemdevPresent(memdev)
                ? StepResult.Fail(Errno.EBUSY)
                : StepResult.Ok(new CxlRegionCreated(w.Index, memdev, w.Start, w.Size, w.Device.InterleaveWays, target)));
        if (Last.Failed)
        {
            Error = Last.Error;
            yield return Release(KernelLock.CxlMemdev, memdev);
            yield break;
        }

        // cxl_region_probe(), RAM mode: "if any part of the region is already busy System RAM" (memory a previous
        // surprise removal left behind) the region stays without a dax region (dev_dbg only).
        var busy = false;
        yield return Work("cxl_region_probe: walk_iomem_res_desc(System RAM)", StateOwner.CxlDevice, KernelLock.CxlMemdev, s =>
        {
            busy = s.Resources.SystemRamPages(w.Start, w.Size).Value > 0;
            return StepResult.Ok();
        });
        if (busy)
        {
            yield return Release(KernelLock.CxlMemdev, memdev);
            yield break;
        }

        var dev = $"dax{w.Index}.0";
        yield return Acquire(KernelLock.DaxRegionRwsem);
        yield return Work("cxl_dax_region_probe: alloc_dax_region", StateOwner.DaxBus, KernelLock.DaxRegionRwsem, _ =>
            StepResult.Ok(new DaxRegionCreated(w.Index, w.Start, w.Size, target, BootPlanner.CxlDaxAlign, Kmem: true)));
        yield return Work("devm_create_dev_dax", StateOwner.DaxBus, KernelLock.DaxRegionRwsem, s =>
        {
            var created = new DaxDeviceCreated(w.Index, 0, w.Start, w.Size, target, BootPlanner.CxlDaxAlign, MemmapOnMemory: s.Version != KernelVersion.V6_1);

            // As at boot: a devdax-mode device gets device_dax's new_id entry (the udev rule's daxctl reconfigure).
            return w.Device.Mode == CxlDeviceMode.Devdax && !s.Dax.Ids(DaxDriver.DeviceDax).Contains(dev)
                ? StepResult.Ok(created, new DaxIdAdded(DaxDriver.DeviceDax, dev))
                : StepResult.Ok(created);
        });
        yield return Release(KernelLock.DaxRegionRwsem);
        yield return Release(KernelLock.CxlMemdev, memdev);

        // device_add() → bus_probe_device(): device_dax first, then kmem, as BootPlanner.Probes orders them.
        var driver = DaxDriver.Kmem;
        yield return Work("bus_probe_device", StateOwner.DaxBus, KernelLock.None, s =>
        {
            driver = s.Dax.Find(dev) is { } d && s.Dax.Matches(DaxDriver.DeviceDax, d) ? DaxDriver.DeviceDax : DaxDriver.Kmem;
            return StepResult.Ok();
        });
        foreach (var s in new DaxDriverAttach(dev, driver, DaxAttachKind.Boot).Steps())
        {
            yield return s;
        }
    }
}
