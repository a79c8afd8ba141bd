using HotplugCluster.Kernel.Cxl;
using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// A CXL memory expander leaving: the driver core's remove path under the memdev's device lock, which tears the
/// region down (<c>unregister_region()</c>): the cxl dax region is unregistered (<c>cxlr_dax_unregister()</c>), so
/// every dax device of it is unregistered (<c>unregister_dev_dax()</c> under dax_region_rwsem: <c>kill_dev_dax()</c>,
/// <c>device_del()</c> → the bound driver's remove under the dax device's lock, kmem's <c>dev_dax_kmem_remove()</c>
/// included, then <c>free_dev_dax_ranges()</c>), the dax region goes, and <c>cxl_region_iomem_release()</c> removes
/// <c>regionN</c>. Remove callbacks return void: memory kmem could not remove stays, "until the next reboot", with no
/// device behind it (recorded as <see cref="CxlMemoryOrphaned"/>).
/// <para><b>Orderly</b> (<c>cxl remove</c>): first what <c>cxl disable-region</c> does, offline every online block of
/// the region (as sysfs writers, under device_hotplug_lock); a block that does not go offline fails the removal with
/// -EBUSY before anything is torn down, and the blocks offlined so far stay offline. <b>Surprise</b>
/// (<c>cxl surprise-remove</c>): the link is gone, nothing asks; the teardown runs at once whatever is online.</para>
/// -ENODEV when no cxl-devices entry declares the memdev or it is not present.
/// </summary>
/// <remarks>
/// drivers/cxl/core/region.c <c>unregister_region()</c>, <c>cxl_region_iomem_release()</c>, <c>cxlr_dax_unregister()</c>;
/// drivers/dax/bus.c <c>unregister_dev_dax()</c> (v6.10 locking); drivers/dax/kmem.c; ndctl cxl/region.c disable-region
/// (the orderly path as ndctl's test/cxl-destroy-region.sh drives it).
/// </remarks>
public sealed class CxlMemdevRemove(string memdev, bool surprise, int? signalAfterAttempts = null) : KernelOperation
{
    public override string Name => surprise ? "cxl_pci_remove (surprise)" : "cxl_pci_remove";

    protected override string? TargetOf(StateOwner owner) => owner == StateOwner.CxlDevice ? memdev : null;

    public override IEnumerable<KernelStep> Steps()
    {
        yield return Work("pci_stop_and_remove_bus_device: find slot", StateOwner.Host, KernelLock.None, s =>
            s.Layout.CxlWindows.Any(w => w.Device.Name == memdev) ? StepResult.Ok() : StepResult.Fail(Errno.ENODEV));
        if (Last.Failed)
        {
            Error = Last.Error;
            yield break;
        }

        CxlRegion? region = null;
        var online = new List<BlockId>();
        yield return Acquire(KernelLock.CxlMemdev, memdev);
        yield return Work("cxl_mem remove: find region", StateOwner.CxlDevice, KernelLock.CxlMemdev, s =>
        {
            region = s.CxlRegions.FirstOrDefault(r => r.Memdev == memdev);
            if (region is null)
            {
                return StepResult.Fail(Errno.ENODEV);
            }

            online.AddRange(s.Blocks.IdsIn(region.Start, region.Size).Where(id => s.Blocks[id].IsPresent && s.Blocks[id].State != MemoryBlockState.Offline));
            return StepResult.Ok();
        });
        if (Last.Failed)
        {
            Error = Last.Error;
            yield return Release(KernelLock.CxlMemdev, memdev);
            yield break;
        }

        if (!surprise && online.Count > 0)
        {
            yield return Acquire(KernelLock.DeviceHotplug);
            Errno? failed = null;
            foreach (var id in online)
            {
                var off = new MemoryBlockOffline(id, signalAfterAttempts);
                foreach (var s in off.Steps())
                {
                    yield return s;
                }

                if (off.Error is not null)
                {
                    failed = off.Error;
                    break;
                }
            }

            yield return Release(KernelLock.DeviceHotplug);
            if (failed is not null)
            {
                Error = Errno.EBUSY;
                yield return Release(KernelLock.CxlMemdev, memdev);
                yield break;
            }
        }

        var r = region!;
        var devices = new List<string>();
        yield return Work("cxlr_dax_unregister", StateOwner.DaxBus, KernelLock.CxlMemdev, s =>
        {
            // devm actions run in reverse: the devices created last go first.
            devices.AddRange(s.Dax.DevicesOf(r.Id).Reverse().Select(d => d.Name));
            return StepResult.Ok();
        });
        var orphaned = new List<(PhysAddr Start, ByteSize Size)>();
        foreach (var dev in devices)
        {
            foreach (var s in UnregisterDevDax(dev, orphaned))
            {
                yield return s;
            }
        }

        yield return Work("dax_region_unregister", StateOwner.DaxBus, KernelLock.CxlMemdev, s =>
            s.Dax.Region(r.Id) is null ? StepResult.Ok() : StepResult.Ok(new DaxRegionRemoved(r.Id)));
        yield return Work("unregister_region: cxl_region_iomem_release", StateOwner.CxlDevice, KernelLock.CxlMemdev, _ =>
        {
            var events = new List<KernelEvent>();
            foreach (var (start, size) in orphaned)
            {
                var end = start.Value + size.Bytes - 1;
                events.Add(new CxlMemoryOrphaned(memdev, start, size));
                events.Add(new KernelLogged(
                    $"[model] {memdev} removed{(surprise ? " by surprise" : "")}: [mem {KernelFormat.Hex(start.Value)}-{KernelFormat.Hex(end)}] stays System RAM with no device behind it until the next reboot"));
            }

            events.Add(new CxlRegionRemoved(r.Id, r.Start, r.Size));
            return StepResult.Ok(events);
        });
        yield return Release(KernelLock.CxlMemdev, memdev);
    }

    /// <summary><c>unregister_dev_dax()</c>: under dax_region_rwsem, <c>device_del()</c> runs the bound driver's remove, then the ranges are freed.</summary>
    private IEnumerable<KernelStep> UnregisterDevDax(string dev, List<(PhysAddr Start, ByteSize Size)> orphaned)
    {
        var driver = DaxDriver.None;
        yield return Acquire(KernelLock.DaxRegionRwsem);
        yield return Work("unregister_dev_dax: kill_dev_dax", StateOwner.DaxDevice, KernelLock.DaxRegionRwsem, _ => StepResult.Ok()) with { Target = dev };

        // device_del() → device_release_driver(): under the device lock (so after a probe in flight), the bound driver's remove.
        yield return Acquire(KernelLock.DaxDevice, dev);
        yield return Work("device_release_driver", StateOwner.DaxDevice, KernelLock.DaxDevice, s =>
        {
            driver = s.Dax.Find(dev)?.Driver ?? DaxDriver.None;
            return StepResult.Ok();
        }) with { Target = dev };
        if (driver == DaxDriver.Kmem)
        {
            foreach (var s in new KmemRemove(dev).Steps())
            {
                yield return s;
            }
        }
        else if (driver == DaxDriver.DeviceDax)
        {
            yield return Work("dev_dax_remove: release region", StateOwner.Resources, KernelLock.DaxDevice, s =>
            {
                var d = s.Dax.Find(dev)!;
                var events = d.Ranges.Select(x => (KernelEvent)new ResourceRemoved(x.Start, x.Size, dev)).ToList();
                if (d.DevdaxMemmap is not null)
                {
                    events.Insert(0, new DevdaxMemmapFreed(dev));
                }

                return StepResult.Ok(events);
            });
        }

        if (driver != DaxDriver.None)
        {
            yield return Work("device_unbind_cleanup", StateOwner.DaxDevice, KernelLock.DaxDevice, _ =>
                StepResult.Ok(new DaxDriverUnbound(dev))) with { Target = dev };
        }

        // kill_device() marks the device dead under its lock (a probe waiting for the lock then finds nothing to probe);
        // the bus forgets it and its ranges are freed.
        yield return Work("device_del: kill_device; free_dev_dax_ranges", StateOwner.DaxDevice, KernelLock.DaxDevice, s =>
        {
            var d = s.Dax.Find(dev);
            if (d is null)
            {
                return StepResult.Ok();
            }

            // kmem's drvdata kept by a failed remove: its ranges still hold memory, which outlives the device.
            if (d.Kmem is { Leaked: true } data)
            {
                orphaned.AddRange(data.Ranges.Where(x => x.Added && s.Blocks.IdsIn(x.Start, x.Size).Any(id => s.Blocks[id].IsPresent)).Select(x => (x.Start, x.Size)));
            }

            return s.Dax.Seed(d.RegionId) == dev
                ? StepResult.Ok(new DaxDeviceDeleted(dev), new DaxRegionSeedSet(d.RegionId, null))
                : StepResult.Ok(new DaxDeviceDeleted(dev));
        }) with { Target = dev };
        yield return Release(KernelLock.DaxDevice, dev);
        yield return Release(KernelLock.DaxRegionRwsem);
    }
}
