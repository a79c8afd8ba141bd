using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Hotplug;

/// <summary>
/// auto-movable: MOVABLE:KERNEL_EARLY ratio, NUMA awareness and static groups (mm/memory_hotplug.c
/// auto_movable_zone_for_pfn()).
/// </summary>
public sealed class ZoneSelectionTests
{
    private static KernelHost AutoMovable(ulong dramGiB, ulong cxlGiB, uint ratio = 301, bool numaAware = false)
    {
        // Without the PC's low holes the early kernel pages are whole GiB, so the ratio's boundary (200% of 4 GiB) is exact.
        var kernel = new KernelSettings(MiB(256), OnlinePolicy: OnlinePolicy.AutoMovable, AutoMovableRatio: ratio, AutoMovableNumaAware: numaAware, PcBiosHoles: false);
        return KernelHost.Boot(new HostSettings(
            kernel,
            [new NumaNodeSettings(0, 8, GiB(dramGiB)), new NumaNodeSettings(1, 0, ByteSize.Zero)],
            [new CxlDeviceSettings("mem0", GiB(cxlGiB), 1, new PhysAddr(64UL << 30))]));
    }

    [Theory]
    // mm/memory_hotplug.c auto_movable_can_online_movable(): movable + whole group <= ratio% of early kernel pages.
    [InlineData(2UL, 6UL, 301U, "Movable")]
    [InlineData(2UL, 8UL, 301U, "Normal")]
    [InlineData(4UL, 8UL, 200U, "Movable")]
    [InlineData(4UL, 8UL, 199U, "Normal")]
    [InlineData(16UL, 4UL, 0U, "Normal")]
    public void Plain_online_picks_Movable_only_when_the_whole_group_fits_the_ratio(ulong dramGiB, ulong cxlGiB, uint ratio, string zone)
    {
        var host = AutoMovable(dramGiB, cxlGiB, ratio);
        var id = host.BlocksOf(1)[0];
        Assert.True(host.Write(Block(id, "state"), "online").Ok);
        Assert.Equal(zone + "\n", host.Read(Block(id, "valid_zones")).Content);
    }

    [Fact]
    public void Numa_aware_auto_movable_picks_Normal_on_a_memory_only_node()
    {
        // auto_movable_can_online_movable(): the node has no early kernel pages, so the per-node check fails.
        var host = AutoMovable(16, 4, numaAware: true);
        var id = host.BlocksOf(1)[0];
        Assert.True(host.Write(Block(id, "state"), "online").Ok);
        Assert.Equal("Normal\n", host.Read(Block(id, "valid_zones")).Content);
    }

    [Fact]
    public void Static_group_stays_in_kernel_zones_once_any_block_is_kernel()
    {
        // auto_movable_zone_for_pfn(): "If anything is !MOVABLE online the rest !MOVABLE."
        var host = AutoMovable(16, 4);
        var ids = host.BlocksOf(1);
        Assert.Equal("Movable Normal\n", host.Read(Block(ids[1], "valid_zones")).Content);
        Assert.True(host.Write(Block(ids[0], "state"), "online_kernel").Ok);
        Assert.Equal("Normal Movable\n", host.Read(Block(ids[1], "valid_zones")).Content);
    }

    [Fact]
    public void Explicit_online_types_are_always_honoured()
    {
        var host = AutoMovable(2, 8);
        var ids = host.BlocksOf(1);
        Assert.True(host.Write(Block(ids[0], "state"), "online_movable").Ok);
        Assert.True(host.Write(Block(ids[1], "state"), "online_kernel").Ok);
        Assert.Equal("Movable\n", host.Read(Block(ids[0], "valid_zones")).Content);
        Assert.Equal("Normal\n", host.Read(Block(ids[1], "valid_zones")).Content);
    }

    [Fact]
    public void Movable_node_makes_contig_zones_default_to_Movable()
    {
        var s = Config(MiB(256));
        s = s with { Kernel = s.Kernel with { MovableNode = true } };
        var host = KernelHost.Boot(s);
        Assert.Equal("Movable Normal\n", host.Read(Block(host.BlocksOf(1)[0], "valid_zones")).Content);
    }
}
