using System.Collections.Immutable;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Kernel.Units;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Sysfs;

/// <summary>/sys/devices/system/node/nodeN as drivers/base/node.c serves it: node_dev_attrs, compact, hugepages, x86, cpuK links.</summary>
public sealed class NodeDirectoryTests
{
    private static KernelHost TwoNodes(int cpus0 = 2, int cpus1 = 2, ImmutableArray<int> row0 = default, ImmutableArray<int> row1 = default,
        KernelVersion version = KernelVersion.V6_12, CxlDeviceSettings[]? cxl = null, NumaNodeSettings? third = null)
    {
        NumaNodeSettings[] nodes =
        [
            new(0, cpus0, GiB(4)) { Distances = row0.IsDefault ? [] : row0 },
            new(1, cpus1, GiB(4)) { Distances = row1.IsDefault ? [] : row1 },
        ];
        return KernelHost.Boot(new HostSettings(
            new KernelSettings(MiB(128), MemmapOnMemoryMode.Off, OnlineType.OnlineMovable, OnlinePolicy.ContigZones, Version: version),
            third is null ? [.. nodes] : [.. nodes, third],
            [.. cxl ?? []]));
    }

    [Fact]
    public void NodeN_lists_what_node_dev_attrs_compact_hugepages_and_the_cpu_links_give()
    {
        var host = TwoNodes();
        var names = host.List("/sys/devices/system/node/node1")!;
        Assert.Equal(
            ["compact", "cpu2", "cpu3", "cpulist", "cpumap", "distance", "hugepages", "meminfo"],
            names.Take(8));
        Assert.Equal(["numastat", "power", "subsystem", "uevent", "vmstat", "x86"], names.TakeLast(6));
        Assert.Equal("/sys/devices/system/cpu/cpu2", SysfsLayout.Resolve(host.State, "/sys/devices/system/node/node1/cpu2"));
        Assert.Equal("/sys/devices/system/node/node1", SysfsLayout.Resolve(host.State, "/sys/devices/system/cpu/cpu2/node1"));
        Assert.Empty(host.List("/sys/devices/system/node/node1/x86")!);
    }

    [Fact]
    public void Distance_reads_10_local_and_20_remote_without_a_SLIT()
    {
        // __node_distance(), arch/x86/mm/numa.c: LOCAL_DISTANCE / REMOTE_DISTANCE when numa_distance_cnt is 0.
        var host = TwoNodes();
        Assert.Equal("10 20\n", host.Read("/sys/devices/system/node/node0/distance").Content);
        Assert.Equal("20 10\n", host.Read("/sys/devices/system/node/node1/distance").Content);
    }

    [Fact]
    public void Distance_reads_the_SLIT_and_20_for_a_CXL_node_past_it()
    {
        // node_read_distance(), drivers/base/node.c, over every online node; a CFMWS node has no SLIT row, so __node_distance()
        // gives it REMOTE_DISTANCE to everyone and LOCAL_DISTANCE to itself.
        var host = TwoNodes(
            row0: [10, 21], row1: [21, 10], third: new NumaNodeSettings(2, 0, ByteSize.Zero),
            cxl: [new CxlDeviceSettings("mem0", GiB(1), 2, new PhysAddr(64UL << 30))]);
        Assert.True(host.State.Node(new NodeId(2))!.Online);
        Assert.Equal("10 21 20\n", host.Read("/sys/devices/system/node/node0/distance").Content);
        Assert.Equal("20 20 10\n", host.Read("/sys/devices/system/node/node2/distance").Content);
    }

    [Theory]
    [InlineData(new[] { 10, 21 }, new int[0], "numa-nodes[0].distances")]
    [InlineData(new[] { 10, 21 }, new[] { 21, 11, 3 }, "numa-nodes[1].distances")]
    [InlineData(new[] { 12, 21 }, new[] { 21, 10 }, "numa-nodes[0].distances")]
    [InlineData(new[] { 10, 10 }, new[] { 21, 10 }, "numa-nodes[0].distances")]
    public void SLIT_rows_are_refused_when_slit_valid_would_refuse_them(int[] row0, int[] row1, string setting)
    {
        // slit_valid(), drivers/acpi/numa/srat.c: 10 on the diagonal, more than 10 elsewhere; rows cover nodes 0..k-1.
        var settings = new HostSettings(
            new KernelSettings(MiB(128), MemmapOnMemoryMode.Off, OnlineType.Offline, OnlinePolicy.ContigZones),
            [new NumaNodeSettings(0, 1, GiB(1)) { Distances = [.. row0] }, new NumaNodeSettings(1, 1, GiB(1)) { Distances = [.. row1] }],
            []);
        Assert.Contains(settings.Resolve().Errors, e => e.Setting == setting);
    }

    [Fact]
    public void Cpumap_prints_nr_cpu_ids_bits_in_32_bit_chunks()
    {
        // node_read_cpumap() → bitmap_string(), lib/vsprintf.c: 36 CPUs make a 1-digit chunk then an 8-digit one.
        var host = TwoNodes(cpus0: 32, cpus1: 4);
        Assert.Equal("0,ffffffff\n", host.Read("/sys/devices/system/node/node0/cpumap").Content);
        Assert.Equal("f,00000000\n", host.Read("/sys/devices/system/node/node1/cpumap").Content);
        Assert.Equal("32-35\n", host.Read("/sys/devices/system/node/node1/cpulist").Content);
    }

    [Fact]
    public void Cpumap_of_a_small_host_is_one_short_chunk()
    {
        var host = TwoNodes(cpus0: 2, cpus1: 2);
        Assert.Equal("3\n", host.Read("/sys/devices/system/node/node0/cpumap").Content);
        Assert.Equal("c\n", host.Read("/sys/devices/system/node/node1/cpumap").Content);
    }

    [Theory]
    [InlineData(KernelVersion.V6_1, false)]
    [InlineData(KernelVersion.V6_12, true)]
    public void Vmstat_counts_the_node_free_pages_and_reads_0_for_what_the_model_does_not_count(KernelVersion version, bool newItems)
    {
        // node_read_vmstat(), drivers/base/node.c: zone items, NUMA events, node items (mm/vmstat.c vmstat_text).
        var host = TwoNodes(version: version);
        var lines = host.Read("/sys/devices/system/node/node1/vmstat").Content!.TrimEnd('\n').Split('\n');
        Assert.Equal($"nr_free_pages {host.NodeKb(1, "MemFree") / 4}", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.EndsWith(" 0", l));
        Assert.Equal(newItems, lines.Contains("nr_unaccepted 0"));
        Assert.Equal(newItems, lines.Contains("nr_iommu_pages 0"));
        Assert.Contains("numa_hit 0", lines);
        Assert.Contains("nr_kernel_stack 0", lines);
    }

    [Fact]
    public void Numastat_and_hugepages_read_0()
    {
        var host = TwoNodes();
        Assert.Equal("numa_hit 0\nnuma_miss 0\nnuma_foreign 0\ninterleave_hit 0\nlocal_node 0\nother_node 0\n",
            host.Read("/sys/devices/system/node/node0/numastat").Content);
        Assert.Equal(["hugepages-1048576kB", "hugepages-2048kB"], host.List("/sys/devices/system/node/node0/hugepages"));
        Assert.Equal(["free_hugepages", "nr_hugepages", "surplus_hugepages"], host.List("/sys/devices/system/node/node0/hugepages/hugepages-2048kB"));
        Assert.Equal("0\n", host.Read("/sys/devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages").Content);
    }

    [Fact]
    public void Compact_accepts_a_write_and_changes_nothing()
    {
        // sysfs_compact_node(), mm/compaction.c: the model's free pages have no placement to compact.
        var host = TwoNodes();
        var before = host.Read("/proc/meminfo").Content;
        Assert.Equal(2, host.Write("/sys/devices/system/node/node0/compact", "1\n").Bytes);
        Assert.Equal(before, host.Read("/proc/meminfo").Content);
    }
}
