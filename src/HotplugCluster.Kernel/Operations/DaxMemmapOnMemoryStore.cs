using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.Sysfs;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// A write to daxX.Y/memmap_on_memory: kstrtobool (-EINVAL); enabling without global support -EOPNOTSUPP;
/// changing it while bound to kmem -EBUSY; the same value always succeeds.
/// </summary>
/// <remarks>drivers/dax/bus.c <c>memmap_on_memory_store()</c> (v6.8+).</remarks>
public sealed class DaxMemmapOnMemoryStore(string device, string value) : KernelOperation
{
    public override string Name => "memmap_on_memory_store";

    protected override string? TargetOf(StateOwner owner) => owner == StateOwner.DaxDevice ? device : null;

    public override IEnumerable<KernelStep> Steps()
    {
        var val = SysfsParse.KstrToBool(value);
        yield return Work("mhp_supports_memmap_on_memory", StateOwner.Host, KernelLock.None, s =>
            val is null ? StepResult.Fail(Errno.EINVAL)
            : val.Value && !MemmapOnMemory.Supports(s, s.BlockSize) ? StepResult.Fail(Errno.EOPNOTSUPP)
            : StepResult.Ok());
        if (Last.Failed)
        {
            Error = Last.Error;
            yield break;
        }

        yield return Acquire(KernelLock.DaxDevRwsem);
        yield return Work("store", StateOwner.DaxDevice, KernelLock.DaxDevRwsem, s =>
        {
            var dev = s.Dax.Find(device)!;
            if (dev.MemmapOnMemory != val!.Value && dev.Driver == DaxDriver.Kmem)
            {
                return StepResult.Fail(Errno.EBUSY);
            }

            return StepResult.Ok(new DaxMemmapOnMemorySet(device, val.Value));
        });
        Error = Last.Error;
        yield return Release(KernelLock.DaxDevRwsem);
    }
}
