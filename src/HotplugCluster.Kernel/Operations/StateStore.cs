using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// A write to memoryN/state: the four strings only (-EINVAL otherwise); already in the requested state is
/// -EINVAL.
/// </summary>
/// <remarks>drivers/base/memory.c <c>state_store()</c>; <c>lock_device_hotplug_sysfs()</c> retries transparently.</remarks>
public sealed class StateStore(BlockId block, string value, int? signalAfterAttempts) : KernelOperation
{
    public override string Name => "state_store";

    public override IEnumerable<KernelStep> Steps()
    {
        if (SysfsParse.OnlineTypeFromStr(value) is not { } type)
        {
            Error = Errno.EINVAL;
            yield break;
        }

        yield return Acquire(KernelLock.DeviceHotplug);
        var op = Nested<KernelOperation>(type == OnlineType.Offline
            ? new MemoryBlockOffline(block, signalAfterAttempts)
            : new MemoryBlockOnline(block, type));
        foreach (var s in op.Steps())
        {
            yield return s;
        }

        yield return Release(KernelLock.DeviceHotplug);
        Error = op.Error ?? (op.ReturnValue > 0 ? Errno.EINVAL : null);
    }
}
