using HotplugCluster.Kernel;

namespace HotplugCluster.Simulation.Shell;

/// <summary>Onlining and offlining a device's memory blocks: <c>dev_online_memory()</c>, <c>dev_offline_memory()</c> and libdaxctl's per-block ops.</summary>
internal sealed partial class Daxctl
{
    /// <remarks>daxctl/device.c <c>dev_online_memory()</c>, libdaxctl <c>daxctl_memory_online_with_zone()</c>, <c>online_one_memblock()</c> (read in pmem/ndctl).</remarks>
    private IEnumerable<SysfsWriteRequest> OnlineMemory(DaxDeviceView dev, bool noMovable, Rc rc)
    {
        var blocks = dev.MemoryBlocks();
        var numOn = blocks.Count(dev.IsOnline);
        if (numOn > 0)
        {
            output.WriteLine($"{dev.Name}:\n  WARNING: detected a race while onlining memory\n  Some memory may not be in the expected zone. It is\n"
                + "  recommended to disable any other onlining mechanisms,\n  and retry. If onlining is to be left to other agents,\n"
                + "  use the --no-online option to suppress this warning");
        }

        if (numOn == blocks.Count)
        {
            output.WriteLine($"{dev.Name}: all memory sections ({numOn}) already online");
            rc.Value = 1;
            yield break;
        }

        if (numOn > 0)
        {
            output.WriteLine($"{dev.Name}: {numOn} memory section{(numOn == 1 ? string.Empty : "s")} already online");
        }

        // daxctl_memory_online_with_zone() → daxctl_memory_op(MEM_SET_ONLINE[_NO_MOVABLE]) over the node's memoryN entries.
        var mode = noMovable ? "online" : "online_movable";
        var onlined = 0;
        foreach (var block in blocks)
        {
            // online_one_memblock(): skip an online block; a failed write is forgiven when the block turned online anyway.
            if (dev.IsOnline(block))
            {
                continue;
            }

            var request = Write($"{block}/state", mode);
            yield return request;
            var w = request.Result;
            if (!w.Ok && !dev.IsOnline(block))
            {
                output.WriteLine($"{dev.Name}: failed to online memory: {w.Error!.Value.Message}");
                rc.Value = w.Error!.Value.KernelReturn;
                yield break;
            }

            onlined++;
        }

        // The zone scan (MEM_GET_ZONE) runs only when the op onlined nothing: libdaxctl returns the positive count first.
        if (onlined == 0)
        {
            var want = noMovable ? "Normal" : "Movable";
            if (!blocks.All(b => dev.IsOnline(b) && dev.ZoneOf(b) == want))
            {
                output.WriteLine($"libdaxctl: daxctl_memory_online_with_zone: {dev.Name}:\n  WARNING: detected a race while onlining memory\n  See 'man daxctl-reconfigure-device' for more details");
                output.WriteLine($"{dev.Name}: failed to online memory: {Errno.EBUSY.Message}");
                rc.Value = Errno.EBUSY.KernelReturn;
                yield break;
            }
        }

        if (_common.Verbose)
        {
            output.WriteLine($"{dev.Name}: {onlined} memory section{(onlined == 1 ? string.Empty : "s")} onlined");
        }

        var still = blocks.Count - blocks.Count(dev.IsOnline);
        if (still > 0)
        {
            output.WriteLine($"{dev.Name}: failed to online {still} memory sections");
            rc.Value = Errno.ENXIO.KernelReturn;
            yield break;
        }

        rc.Value = 0;
    }

    /// <remarks>daxctl/device.c <c>dev_offline_memory()</c>, libdaxctl <c>offline_one_memblock()</c> (the removable check of ndctl v79+).</remarks>
    private IEnumerable<SysfsWriteRequest> OfflineMemory(DaxDeviceView dev, Rc rc)
    {
        var blocks = dev.MemoryBlocks();
        var numOn = blocks.Count(dev.IsOnline);
        var numOff = blocks.Count - numOn;
        if (numOff == blocks.Count)
        {
            output.WriteLine($"{dev.Name}: all memory sections ({numOff}) already offline");
            rc.Value = 1;
            yield break;
        }

        if (numOff > 0)
        {
            output.WriteLine($"{dev.Name}: {numOff} memory section{(numOff == 1 ? string.Empty : "s")} already offline");
        }

        var offlined = 0;
        foreach (var block in blocks.Where(dev.IsOnline))
        {
            var name = block[(block.LastIndexOf('/') + 1)..];
            if (fs.ReadLine($"{block}/removable") == "0")
            {
                output.WriteLine($"libdaxctl: offline_one_memblock: {dev.Name}: {name} is unremovable");
                output.WriteLine($"{dev.Name}: failed to offline memory: {Errno.EOPNOTSUPP.Message}");
                rc.Value = Errno.EOPNOTSUPP.KernelReturn;
                yield break;
            }

            var request = Write($"{block}/state", "offline");
            yield return request;
            var w = request.Result;
            if (!w.Ok && dev.IsOnline(block))
            {
                output.WriteLine($"libdaxctl: offline_one_memblock: {dev.Name}: Failed to offline {block}/state: {w.Error!.Value.Message}");
                output.WriteLine($"{dev.Name}: failed to offline memory: {w.Error!.Value.Message}");
                rc.Value = w.Error!.Value.KernelReturn;
                yield break;
            }

            offlined++;
        }

        if (_common.Verbose)
        {
            output.WriteLine($"{dev.Name}: {offlined} memory section{(offlined == 1 ? string.Empty : "s")} offlined");
        }

        var still = blocks.Count(dev.IsOnline);
        if (still > 0)
        {
            output.WriteLine($"{dev.Name}: failed to offline {still} memory sections");
            rc.Value = Errno.ENXIO.KernelReturn;
            yield break;
        }

        rc.Value = 0;
    }
}
