using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Tests;

/// <summary>The example host: node 0 with 8 CPUs and 16 GiB, memory-only node 1, CXL mem0 on node 1.</summary>
internal static class TestHosts
{
    public static ByteSize MiB(ulong n) => ByteSize.FromMiB(n);

    public static ByteSize GiB(ulong n) => ByteSize.FromGiB(n);

    public static HostSettings Config(
        ByteSize? blockSize = null,
        MemmapOnMemoryMode memmap = MemmapOnMemoryMode.Off,
        ulong cxlGiB = 4,
        PhysAddr? cxlBase = null,
        OnlineType autoOnline = OnlineType.Offline,
        OnlinePolicy policy = OnlinePolicy.ContigZones,
        KernelVersion version = KernelVersion.V6_8,
        ulong dramGiB = 16,
        CxlDeviceMode mode = CxlDeviceMode.SystemRam)
    {
        var kernel = new KernelSettings(blockSize, memmap, autoOnline, policy, Version: version);
        var cxl = cxlGiB == 0
            ? []
            : new[] { new CxlDeviceSettings("mem0", GiB(cxlGiB), 1, cxlBase ?? new PhysAddr(64UL << 30), mode) };
        return new HostSettings(
            kernel,
            [new NumaNodeSettings(0, 8, GiB(dramGiB)), new NumaNodeSettings(1, 0, ByteSize.Zero)],
            [.. cxl]);
    }

    public static KernelHost Boot(
        ByteSize? blockSize = null,
        MemmapOnMemoryMode memmap = MemmapOnMemoryMode.Off,
        ulong cxlGiB = 4,
        PhysAddr? cxlBase = null,
        OnlineType autoOnline = OnlineType.Offline,
        OnlinePolicy policy = OnlinePolicy.ContigZones,
        KernelVersion version = KernelVersion.V6_8,
        ulong dramGiB = 16,
        CxlDeviceMode mode = CxlDeviceMode.SystemRam) =>
        KernelHost.Boot(Config(blockSize, memmap, cxlGiB, cxlBase, autoOnline, policy, version, dramGiB, mode));

    /// <summary>A field of nodeN/meminfo in kB.</summary>
    public static ulong NodeKb(this KernelHost host, int node, string field)
    {
        var text = host.Read($"/sys/devices/system/node/node{node}/meminfo").Content!;
        var line = text.Split('\n').Single(l => l.StartsWith($"Node {node} {field}:", StringComparison.Ordinal));
        return ulong.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]);
    }

    /// <summary>
    /// Node MemFree in kB plus the kernel's own pages there (slab, page tables: <c>MemoryBlock.KernelPages</c>): the free
    /// memory as the memmap and workload accounting alone leave it.
    /// </summary>
    public static ulong FreeBesidesKernelKb(this KernelHost host, int node) => host.NodeKb(node, "MemFree") + (host.KernelPagesOn(node) * 4);

    /// <summary>The kernel's own pages on a node (<c>MemoryBlock.KernelPages</c> of its blocks).</summary>
    public static ulong KernelPagesOn(this KernelHost host, int node) =>
        host.State.Blocks.Registered().Where(b => b.Nid.Value == node).Aggregate(0UL, (sum, b) => sum + b.KernelPages);

    /// <summary>A field of /proc/meminfo in kB.</summary>
    public static ulong MeminfoKb(this KernelHost host, string field)
    {
        var line = host.Read("/proc/meminfo").Content!.Split('\n').Single(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return ulong.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    /// <summary>Ids of the blocks of a node, from the block table.</summary>
    public static uint[] BlocksOf(this KernelHost host, int node) =>
        host.State.Blocks.Registered().Where(b => b.Nid.Value == node).Select(b => b.Id.Value).ToArray();

    public static string Block(uint id, string file) => $"/sys/devices/system/memory/memory{id}/{file}";
}
