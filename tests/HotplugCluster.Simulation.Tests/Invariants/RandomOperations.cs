using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Workload;

namespace HotplugCluster.Simulation.Tests.Invariants;

/// <summary>
/// The model-based random operations of the kernel tests (sysfs state/online writes, workload, kmem and device_dax
/// bind/unbind, notifier injection, dax region resize/create/delete, ACPI DIMM add/eject), as a sequential step and
/// as operations for <see cref="KernelHost.RunInterleaved"/>.
/// </summary>
internal static class RandomOperations
{
    public static void RunOne(KernelHost host, Random random)
    {
        var blocks = host.State.Blocks.Registered().Select(b => b.Id.Value).ToArray();
        var block = blocks.Length == 0 ? 0u : blocks[random.Next(blocks.Length)];
        switch (random.Next(12))
        {
            case 0 or 1 or 2:
                string[] states = ["online", "offline", "online_kernel", "online_movable", "bogus"];
                host.Write(Hosts.Block(block, "state"), states[random.Next(states.Length)]);
                break;
            case 3:
                host.Write(Hosts.Block(block, "online"), random.Next(2).ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case 4:
                host.Run(new WorkloadAllocate(new NodeId(random.Next(2)), (PageKind)random.Next(3), new PageCount((ulong)random.Next(1, 20000))));
                break;
            case 5:
                host.Run(new WorkloadFree(new NodeId(random.Next(2)), (PageKind)random.Next(3), new PageCount((ulong)random.Next(1, 5000))));
                break;
            case 6 or 11:
                var names = host.State.Dax.Devices.Select(d => d.Name).ToArray();
                string[] files = ["bind", "unbind", "new_id", "remove_id"];
                host.Write($"/sys/bus/dax/drivers/{(random.Next(2) == 0 ? "kmem" : "device_dax")}/{files[random.Next(files.Length)]}", names[random.Next(names.Length)]);
                break;
            case 7:
                host.Write("/sys/kernel/debug/notifier-error-inject/memory/actions/MEM_GOING_OFFLINE/error", random.Next(4) == 0 ? "-16" : "0");
                host.Write("/sys/kernel/debug/notifier-error-inject/memory/actions/MEM_GOING_ONLINE/error", random.Next(4) == 0 ? "-12" : "0");
                break;
            case 10:
                var devices = host.State.Dax.Devices.Select(d => d.Name).ToArray();
                var dev = devices[random.Next(devices.Length)];
                string[] sizes = ["0", (256UL << 20).ToString(System.Globalization.CultureInfo.InvariantCulture), (1UL << 30).ToString(System.Globalization.CultureInfo.InvariantCulture)];
                host.Write($"/sys/bus/dax/devices/{dev}/size", sizes[random.Next(sizes.Length)]);
                host.Write("/sys/bus/cxl/devices/dax_region0/dax_region/create", "1");
                host.Write("/sys/bus/cxl/devices/dax_region0/dax_region/delete", devices[random.Next(devices.Length)]);
                break;
            case 8:
                host.Run(new AcpiMemoryDeviceAdd("dimm0", new NodeId(0), new PhysAddr(32UL << 30), ByteSize.FromGiB(1)));
                break;
            default:
                host.Run(new AcpiMemoryDeviceEject("dimm0", 3));
                break;
        }
    }

    /// <summary>A random operation for an interleaved run (no sysfs parsing: operations built directly).</summary>
    public static KernelOperation Pick(KernelHost host, Random random)
    {
        var blocks = host.State.Blocks.Registered().Select(b => b.Id.Value).ToArray();
        var block = new BlockId(blocks.Length == 0 ? 0u : blocks[random.Next(blocks.Length)]);
        var dax = host.State.Dax.Devices[random.Next(host.State.Dax.Devices.Count)].Name;
        return random.Next(9) switch
        {
            0 => new StateStore(block, "online_movable", 5),
            1 => new StateStore(block, "offline", 5),
            2 => new OnlineStore(block, "1", 5),
            3 => new WorkloadAllocate(new NodeId(random.Next(2)), (PageKind)random.Next(3), new PageCount((ulong)random.Next(1, 20000))),
            4 => new WorkloadFree(new NodeId(random.Next(2)), (PageKind)random.Next(3), new PageCount((ulong)random.Next(1, 5000))),
            5 => new DaxDriverRelease(dax, Kernel.Dax.DaxDriver.Kmem),
            6 => new DaxDriverAttach(dax, Kernel.Dax.DaxDriver.Kmem, DaxAttachKind.BindFile),
            7 => new AcpiMemoryDeviceAdd("dimm0", new NodeId(random.Next(2)), new PhysAddr(32UL << 30), ByteSize.FromGiB(1)),
            _ => new AcpiMemoryDeviceEject("dimm0", 3),
        };
    }
}
