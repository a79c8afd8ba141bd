using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Simulation.Tests.Invariants;

/// <summary>Test hosts: node 0 with 8 CPUs and 16 GiB of DRAM, memory-only node 1 with a CXL device bound to kmem.</summary>
internal static class Hosts
{
    public static HostSettings Config(
        MemmapOnMemoryMode memmap = MemmapOnMemoryMode.Off,
        KernelVersion version = KernelVersion.V6_8,
        KernelBugs bugs = KernelBugs.None,
        OnlinePolicy policy = OnlinePolicy.ContigZones,
        ulong cxlGiB = 2) =>
        new(
            new KernelSettings(ByteSize.FromMiB(256), memmap, OnlineType.Offline, policy, Version: version, Bugs: bugs),
            [new NumaNodeSettings(0, 8, ByteSize.FromGiB(16)), new NumaNodeSettings(1, 0, ByteSize.Zero)],
            cxlGiB == 0 ? [] : [new CxlDeviceSettings("mem0", ByteSize.FromGiB(cxlGiB), 1, new PhysAddr(64UL << 30), CxlDeviceMode.SystemRam)]);

    public static KernelHost Boot(
        MemmapOnMemoryMode memmap = MemmapOnMemoryMode.Off,
        KernelVersion version = KernelVersion.V6_8,
        KernelBugs bugs = KernelBugs.None,
        ulong cxlGiB = 2) => KernelHost.Boot(Config(memmap, version, bugs, cxlGiB: cxlGiB));

    public static string Block(uint id, string file) => $"/sys/devices/system/memory/memory{id}/{file}";

    public static uint[] BlocksOf(this KernelHost host, int node) =>
        [.. host.State.Blocks.Registered().Where(b => b.Nid.Value == node).Select(b => b.Id.Value)];
}
