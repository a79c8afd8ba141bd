using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Events;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// <c>unbind_store()</c> → <c>device_driver_detach()</c>: the driver's remove runs under the device lock and
/// the device is unbound even when remove could not release everything (kmem's leak in <c>dev_dax_kmem_remove()</c>).
/// </summary>
/// <remarks>drivers/base/bus.c, drivers/dax/bus.c <c>dax_bus_remove()</c>, drivers/dax/kmem.c.</remarks>
public sealed class DaxDriverRelease(string device, DaxDriver driver) : KernelOperation
{
    public override string Name => "unbind_store";

    protected override string? TargetOf(StateOwner owner) => owner == StateOwner.DaxDevice ? device : null;

    public override IEnumerable<KernelStep> Steps()
    {
        yield return Work("bus_find_device_by_name", StateOwner.DaxBus, KernelLock.None, s =>
            s.Dax.Find(device) is { } dev && dev.Driver == driver ? StepResult.Ok() : StepResult.Fail(Errno.ENODEV));
        if (Last.Failed)
        {
            Error = Last.Error;
            yield break;
        }

        yield return Acquire(KernelLock.DaxDevice, device);
        if (driver == DaxDriver.Kmem)
        {
            foreach (var s in Nested(new KmemRemove(device)).Steps())
            {
                yield return s;
            }
        }
        else
        {
            yield return Work("dev_dax_remove: release region", StateOwner.Resources, KernelLock.DaxDevice, s =>
            {
                if (s.Dax.Find(device) is not { Driver: DaxDriver.DeviceDax } dev)
                {
                    return StepResult.Ok();
                }

                var events = dev.Ranges.Select(r => (KernelEvent)new ResourceRemoved(r.Start, r.Size, device)).ToList();
                if (dev.DevdaxMemmap is not null)
                {
                    events.Insert(0, new DevdaxMemmapFreed(device));
                }

                return StepResult.Ok(events);
            });
        }

        yield return Work("device_unbind_cleanup", StateOwner.DaxDevice, KernelLock.DaxDevice, s =>
            s.Dax.Find(device) is { Driver: not DaxDriver.None } ? StepResult.Ok(new DaxDriverUnbound(device)) : StepResult.Ok());
        yield return Release(KernelLock.DaxDevice, device);
    }
}
