using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Workload;
using HotplugCluster.Kernel.Zones;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Workload;

/// <summary>
/// The kernel's own unmovable pages and hot-added ZONE_NORMAL: build_zonelists() / get_page_from_freelist() take the
/// highest kernel zone first, online_pages() frees a block's pages to the tail of the free lists as MIGRATE_MOVABLE
/// pageblocks, and __rmqueue_fallback() steals one when the zone has no unmovable pageblock (mm/page_alloc.c,
/// mm/memory_hotplug.c, 6.1 and 6.12). Measured on Debian 6.1.0-56 and 6.12.118 under QEMU with 1 GiB of boot RAM
/// (issue 19): the first block onlined to ZONE_NORMAL fails to offline with EBUSY, the second offlines.
/// </summary>
public sealed class KernelZonelistTests
{
    private static readonly PhysAddr Dimm = new(4UL << 30);

    private static KernelHost SmallGuest(KernelVersion version, ulong dramGiB = 1)
    {
        var host = Boot(MiB(128), cxlGiB: 0, version: version, dramGiB: dramGiB);
        Assert.Null(host.Run(new AcpiMemoryDeviceAdd("dimm0", new NodeId(0), Dimm, GiB(1))).Error);
        return host;
    }

    [Theory]
    [InlineData(KernelVersion.V6_1)]
    [InlineData(KernelVersion.V6_12)]
    public void Offline_fails_with_EBUSY_for_the_first_block_onlined_to_normal_when_boot_ram_is_below_4GiB(KernelVersion version)
    {
        var host = SmallGuest(version);
        Assert.True(host.Write(Block(32, "state"), "online_kernel").Ok);
        Assert.True(host.Write(Block(33, "state"), "online_kernel").Ok);

        Assert.Equal(Errno.EBUSY, host.Write(Block(32, "state"), "offline").Error);
        Assert.True(host.Write(Block(33, "state"), "offline").Ok);
        Assert.Equal(1U, host.State.Blocks[new BlockId(32)].KernelPages);
        Assert.Equal(0U, host.State.Blocks[new BlockId(33)].KernelPages);
        Assert.Equal(Errno.EBUSY, host.Run(new AcpiMemoryDeviceEject("dimm0")).Error);
    }

    [Theory]
    [InlineData("online_movable")]
    [InlineData("online_kernel")]
    public void Offline_succeeds_when_the_zone_is_movable_or_boot_ram_has_normal(string type)
    {
        // ZONE_MOVABLE is above gfp_zone(GFP_KERNEL); a 16 GiB guest's boot ZONE_NORMAL has unmovable pageblocks ahead
        // of the onlined ones.
        var host = SmallGuest(KernelVersion.V6_12, dramGiB: type == "online_movable" ? 1UL : 16UL);
        var id = type == "online_movable" ? 32U : 128U;
        if (type == "online_kernel")
        {
            Assert.Null(host.Run(new AcpiMemoryDeviceAdd("dimm1", new NodeId(0), new PhysAddr(16UL << 30), GiB(1))).Error);
        }

        Assert.True(host.Write(Block(id, "state"), type).Ok);
        Assert.True(host.Write(Block(id, "state"), "offline").Ok);
    }

    [Fact]
    public void Normal_memory_of_a_node_without_cpus_is_not_pinned_while_node_0_has_free_kernel_memory()
    {
        // Each CPU allocates from its own node's zonelist first: node 1 is behind node 0's zones.
        var host = Boot(MiB(128), cxlGiB: 1, version: KernelVersion.V6_12, dramGiB: 1);
        var first = host.BlocksOf(1)[0];
        Assert.True(host.Write(Block(first, "state"), "online_kernel").Ok);
        Assert.True(host.Write(Block(first, "state"), "offline").Ok);
    }

    [Fact]
    public void Preferred_zone_is_the_highest_kernel_zone_of_the_cpu_node_with_free_pages()
    {
        var host = SmallGuest(KernelVersion.V6_1);
        Assert.Equal(ZoneType.Dma32, KernelZonelist.PreferredZone(host.State, new NodeId(0))!.Type);
        Assert.True(host.Write(Block(32, "state"), "online_movable").Ok);
        Assert.Equal(ZoneType.Dma32, KernelZonelist.PreferredZone(host.State, new NodeId(0))!.Type);
        Assert.True(host.Write(Block(33, "state"), "online_kernel").Ok);
        Assert.Equal(ZoneType.Normal, KernelZonelist.PreferredZone(host.State, new NodeId(0))!.Type);
        Assert.False(KernelZonelist.FallbackStealsFrom(host.State, host.State.Blocks[new BlockId(32)]));
    }
}
