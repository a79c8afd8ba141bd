using System.Collections.Immutable;
using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Resources;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// Binding a dax device to a driver: <c>device_driver_attach()</c> / <c>__driver_attach()</c> → the driver's
/// probe under the device lock (<c>dev_dax_kmem_probe()</c> or <c>dev_dax_probe()</c>).
/// </summary>
/// <remarks>drivers/base/dd.c, drivers/base/bus.c <c>bind_store()</c>, drivers/dax/bus.c, drivers/dax/kmem.c, drivers/dax/device.c.</remarks>
public sealed class DaxDriverAttach(string device, DaxDriver driver, DaxAttachKind kind) : KernelOperation
{
    public override string Name => kind == DaxAttachKind.BindFile ? "bind_store" : "driver_attach";

    protected override string? TargetOf(StateOwner owner) => owner == StateOwner.DaxDevice ? device : null;

    public override IEnumerable<KernelStep> Steps()
    {
        var skip = false;
        yield return Work("driver_match_device", StateOwner.DaxBus, KernelLock.None, s =>
        {
            if (s.Dax.Find(device) is not { } dev || !s.Dax.Matches(driver, dev))
            {
                return StepResult.Fail(Errno.ENODEV);
            }

            if (dev.Driver != DaxDriver.None)
            {
                skip = kind != DaxAttachKind.BindFile;
                return skip ? StepResult.Ok() : StepResult.Fail(Errno.EBUSY);
            }

            // dax_bus_probe(): a device without capacity rejects the match.
            if (dev.Size.IsZero)
            {
                skip = kind != DaxAttachKind.BindFile;
                return skip ? StepResult.Ok() : StepResult.Fail(Errno.ENXIO);
            }

            return StepResult.Ok();
        });
        if (Last.Failed || skip)
        {
            Error = kind == DaxAttachKind.BindFile ? Last.Error : null;
            yield break;
        }

        yield return Acquire(KernelLock.DaxDevice, device);

        // drivers/base/dd.c really_probe(): dev->driver = drv before drv->probe(), so while the probe runs the device
        // reads as bound to it (e.g. memmap_on_memory_store() refuses a change with -EBUSY); a failed probe clears it.
        // driver_probe_device(): a device deleted while this thread waited for its lock (dev->p->dead) is not probed.
        yield return Work("really_probe: dev->driver = drv", StateOwner.DaxDevice, KernelLock.DaxDevice, s =>
            s.Dax.Find(device) is null ? StepResult.Fail(Errno.ENODEV) : StepResult.Ok(new DaxDriverBound(device, driver)));
        if (Last.Failed)
        {
            Error = kind == DaxAttachKind.BindFile ? Last.Error : null;
            yield return Release(KernelLock.DaxDevice, device);
            yield break;
        }

        Errno? error;
        if (driver == DaxDriver.Kmem)
        {
            var probe = new KmemProbe(device);
            foreach (var s in probe.Steps())
            {
                yield return s;
            }

            error = probe.Error;
        }
        else
        {
            yield return Work("dev_dax_probe: devm_request_mem_region", StateOwner.Resources, KernelLock.DaxDevice, DevDaxProbe);
            error = Last.Error;
            if (error is null)
            {
                yield return Work("dev_dax_probe: devm_memremap_pages", StateOwner.Node, KernelLock.DaxDevice, MemremapPages);
                error = Last.Error;
            }
        }

        // drivers/base/dd.c call_driver_probe(): dev->driver is already set, so dev_err() prefixes the driver
        // name; -ENODEV and -ENXIO are only dev_dbg ("rejects match").
        var name = DaxDriverNames.Of(driver);
        yield return Work("really_probe", StateOwner.DaxDevice, KernelLock.DaxDevice, s => error switch
        {
            null when s.Dax.Find(device) is { } d && s.Dax.Seed(d.RegionId) == device =>
                StepResult.Ok(new DaxRegionSeedSet(d.RegionId, null)),
            null => StepResult.Ok(),
            { } e when e == Errno.ENODEV || e == Errno.ENXIO => StepResult.Ok(new DaxDriverUnbound(device)),
            { } e => StepResult.Ok(new KernelLogged($"{name} {device}: probe with driver {name} failed with error {e.KernelReturn}"), new DaxDriverUnbound(device)),
        });
        yield return Release(KernelLock.DaxDevice, device);
        Error = kind == DaxAttachKind.BindFile ? error : null;
    }

    /// <summary>
    /// <c>devm_memremap_pages()</c> with <c>vmemmap_shift</c> from the device's align: compound pages reuse tail
    /// vmemmap, so each align-sized page needs 2 unique vmemmap pages (1/256 of the device at 2 MiB); with 4 KiB align
    /// the full 1/64. Allocated like any vmemmap: GFP_KERNEL near the target node (mm/sparse-vmemmap.c
    /// <c>vmemmap_alloc_block()</c>).
    /// </summary>
    /// <remarks>drivers/dax/device.c <c>dev_dax_probe()</c>, mm/sparse-vmemmap.c (v5.19+).</remarks>
    private StepResult MemremapPages(Host.HostState s)
    {
        var dev = s.Dax.Find(device)!;
        if (s.Layout.PmemRegion(dev.RegionId) is { Device.Map: Settings.PfnMap.Dev })
        {
            // A --map=dev namespace hands device_dax a pgmap with PGMAP_ALTMAP_VALID (__nvdimm_setup_pfn(),
            // drivers/nvdimm/pfn_devs.c): the vmemmap is carved from the pfn metadata on the device, no RAM
            // (vmemmap_can_optimize() is false with an altmap, include/linux/mm.h).
            return StepResult.Ok();
        }

        var size = dev.Size;
        var pages = dev.Align.Bytes > PageSizes.PageSize
            ? new PageCount(2 * size.DivideBy(dev.Align))
            : PageSizes.MemmapSizeFor(size).ToPages();
        if (Workload.PagePlacement.KernelAllocationSpread(s, dev.TargetNode, pages) is not { } where)
        {
            return StepResult.Fail(Errno.ENOMEM, dev.Ranges.Select(r => (KernelEvent)new ResourceRemoved(r.Start, r.Size, device)).ToArray());
        }

        var hosts = where.Spread.Select(t => new HostedPages(t.Block, t.Pages)).ToImmutableArray();
        return StepResult.Ok(new DevdaxMemmapAllocated(device, new DevdaxMemmap(where.Node, where.Zone, hosts)));
    }

    /// <summary><c>dev_dax_probe()</c>: reserve every range (devm, so a failure releases the earlier ones).</summary>
    private StepResult DevDaxProbe(Host.HostState s)
    {
        var dev = s.Dax.Find(device)!;
        var events = new List<KernelEvent>();
        for (var i = 0; i < dev.Ranges.Length; i++)
        {
            var r = dev.Ranges[i];
            if (!s.Resources.CanRequest(r.Start, r.Size) || dev.Ranges.Take(i).Any(o => o.Start <= r.End && r.Start <= o.End))
            {
                return StepResult.Fail(Errno.EBUSY, new KernelLogged(
                    $"device_dax {device}: mapping{i}: {Hotplug.KernelFormat.Hex(r.Start.Value)}-{Hotplug.KernelFormat.Hex(r.End.Value)} could not reserve range"));
            }

            events.Add(new ResourceRequested(r.Start, r.Size, device, ResourceKind.Mem | ResourceKind.Busy));
        }

        return StepResult.Ok(events);
    }
}
