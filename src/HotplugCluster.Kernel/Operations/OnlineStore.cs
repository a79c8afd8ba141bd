using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Operations;

/// <summary>A write to memoryN/online: kstrtobool, then device_online/offline; already in that state succeeds.</summary>
/// <remarks>drivers/base/core.c <c>online_store()</c>: <c>return ret &lt; 0 ? ret : count</c>.</remarks>
public sealed class OnlineStore(BlockId block, string value, int? signalAfterAttempts, KernelVersion version = KernelVersion.V6_8) : KernelOperation
{
    public override string Name => "online_store";

    public override IEnumerable<KernelStep> Steps()
    {
        if (SysfsParse.KstrToBool(value, version) is not { } online)
        {
            Error = Errno.EINVAL;
            yield break;
        }

        yield return Acquire(KernelLock.DeviceHotplug);
        var op = Nested<KernelOperation>(online
            ? new MemoryBlockOnline(block, null) { ViaOnlineFile = true }
            : new MemoryBlockOffline(block, signalAfterAttempts) { ViaOnlineFile = true });
        foreach (var s in op.Steps())
        {
            yield return s;
        }

        yield return Release(KernelLock.DeviceHotplug);
        Error = op.Error;
    }
}
