using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Operations;

/// <summary>
/// CXL hot insert, orderly and surprise removal (drivers/cxl/core/region.c, drivers/dax/kmem.c; ndctl
/// test/cxl-destroy-region.sh).
/// </summary>
public sealed class CxlMemdevTests
{
    private const string Iomem = "/proc/iomem";

    private static KernelHost BootAbsent(OnlineType autoOnline = OnlineType.Offline)
    {
        var settings = Config(MiB(256), cxlGiB: 1, autoOnline: autoOnline);
        return KernelHost.Boot(settings with { CxlDevices = [settings.CxlDevices[0] with { Present = false }] });
    }

    [Fact]
    public void An_absent_device_has_its_window_but_no_region_dax_or_memory_until_inserted()
    {
        var host = BootAbsent();
        Assert.Equal("00001000-0009efff : System RAM\n00100000-3ffffffff : System RAM\n1000000000-103fffffff : CXL Window 0\n", host.Read(Iomem).Content);
        Assert.Empty(host.BlocksOf(1));
        Assert.False(host.Read("/sys/bus/dax/devices/dax0.0/size").Ok);

        Assert.Null(host.Run(new CxlMemdevInsert("mem0")).Error);
        Assert.Equal(
            "00001000-0009efff : System RAM\n00100000-3ffffffff : System RAM\n1000000000-103fffffff : CXL Window 0\n  1000000000-103fffffff : region0\n"
            + "    1000000000-103fffffff : dax0.0\n      1000000000-103fffffff : System RAM (kmem)\n",
            host.Read(Iomem).Content);
        Assert.Equal(HotplugCluster.Kernel.Dax.DaxDriver.Kmem, host.State.Dax.Find("dax0.0")!.Driver);
        Assert.Equal(4, host.BlocksOf(1).Length);
        Assert.All(host.BlocksOf(1), id => Assert.Equal("offline\n", host.Read(Block(id, "state")).Content));
        Assert.Equal(Errno.EBUSY, host.Run(new CxlMemdevInsert("mem0")).Error);
        Assert.Equal(Errno.ENODEV, host.Run(new CxlMemdevInsert("mem5")).Error);
    }

    [Fact]
    public void An_insert_onlines_the_blocks_as_auto_online_blocks_says_and_accounts_them_on_the_target_node()
    {
        var host = BootAbsent(OnlineType.OnlineMovable);
        var before = host.MeminfoKb("MemTotal");
        Assert.Null(host.Run(new CxlMemdevInsert("mem0")).Error);
        Assert.All(host.BlocksOf(1), id => Assert.Equal("online\n", host.Read(Block(id, "state")).Content));
        Assert.Equal(before + (1UL << 20), host.MeminfoKb("MemTotal"));
        Assert.Equal(1UL << 20, host.NodeKb(1, "MemTotal"));
    }

    [Fact]
    public void An_orderly_remove_offlines_then_tears_down_and_leaves_the_window_empty()
    {
        var host = Boot(MiB(256), cxlGiB: 1);
        var ids = host.BlocksOf(1);
        var boot = host.MeminfoKb("MemTotal");
        Assert.True(host.Write(Block(ids[0], "state"), "online_movable").Ok);
        Assert.Null(host.Run(new CxlMemdevRemove("mem0", surprise: false, 10)).Error);
        Assert.Equal("00001000-0009efff : System RAM\n00100000-3ffffffff : System RAM\n1000000000-103fffffff : CXL Window 0\n", host.Read(Iomem).Content);
        Assert.Empty(host.BlocksOf(1));
        Assert.Empty(host.State.Dax.Regions);
        Assert.Empty(host.State.OrphanedCxlMemory);
        Assert.Equal(boot, host.MeminfoKb("MemTotal"));
        Assert.Equal(Errno.ENODEV, host.Run(new CxlMemdevRemove("mem0", surprise: false)).Error);
    }

    [Fact]
    public void An_orderly_remove_fails_with_EBUSY_and_tears_nothing_down_when_a_block_will_not_go_offline()
    {
        var host = Boot(MiB(256), cxlGiB: 1);
        host.SignalAfterAttempts = 3;
        var id = host.BlocksOf(1)[0];
        Assert.True(host.Write(Block(id, "state"), "online_movable").Ok);
        Assert.Null(host.Run(new WorkloadAllocate(new NodeId(1), HotplugCluster.Kernel.Workload.PageKind.Pinned, new PageCount(1))).Error);
        Assert.Equal(Errno.EBUSY, host.Run(new CxlMemdevRemove("mem0", surprise: false, 3)).Error);
        Assert.Equal("online\n", host.Read(Block(id, "state")).Content);
        Assert.Contains("region0", host.Read(Iomem).Content, StringComparison.Ordinal);
        Assert.NotNull(host.State.Dax.Find("dax0.0"));
    }

    [Fact]
    public void A_surprise_remove_under_online_memory_leaves_it_as_System_RAM_without_a_device()
    {
        var host = Boot(MiB(256), cxlGiB: 1);
        var ids = host.BlocksOf(1);
        Assert.True(host.Write(Block(ids[0], "state"), "online_movable").Ok);
        var before = host.Journal.Count;
        Assert.Null(host.Run(new CxlMemdevRemove("mem0", surprise: true)).Error);

        // remove_memory() of the whole range fails (-EBUSY): nothing of it goes; the region and dax device do.
        Assert.Equal(
            "00001000-0009efff : System RAM\n00100000-3ffffffff : System RAM\n1000000000-103fffffff : CXL Window 0\n  1000000000-103fffffff : dax0.0\n"
            + "    1000000000-103fffffff : System RAM (kmem)\n",
            host.Read(Iomem).Content);
        Assert.Equal(ids, host.BlocksOf(1));
        Assert.Equal("online\n", host.Read(Block(ids[0], "state")).Content);
        Assert.Null(host.State.Dax.Find("dax0.0"));
        Assert.Empty(host.State.CxlRegions);
        Assert.Equal([("mem0", new PhysAddr(64UL << 30), GiB(1))], host.State.OrphanedCxlMemory);
        Assert.Contains(host.State.Dmesg.Lines, l => l == "kmem dax0.0: mapping0: 0x1000000000-0x103fffffff cannot be hotremoved until the next reboot");
        Assert.Contains(host.State.Dmesg.Lines, l => l.StartsWith("[model] mem0 removed by surprise: [mem 0x1000000000-0x103fffffff]", StringComparison.Ordinal));
        Assert.Single(host.Journal.Skip(before).OfType<HotremoveFailed>());

        // Re-inserted, the card's region is assembled again, but cxl_region_probe() finds busy System RAM: no dax region.
        Assert.Null(host.Run(new CxlMemdevInsert("mem0")).Error);
        Assert.Single(host.State.CxlRegions);
        Assert.Empty(host.State.Dax.Regions);
        Assert.Contains("  1000000000-103fffffff : region0\n    1000000000-103fffffff : dax0.0\n", host.Read(Iomem).Content, StringComparison.Ordinal);
    }

    [Fact]
    public void A_surprise_remove_of_offline_memory_removes_it_all()
    {
        var host = Boot(MiB(256), cxlGiB: 1);
        Assert.Null(host.Run(new CxlMemdevRemove("mem0", surprise: true)).Error);
        Assert.Empty(host.BlocksOf(1));
        Assert.Empty(host.State.OrphanedCxlMemory);
        Assert.Empty(host.State.Groups.All);
        Assert.DoesNotContain(host.State.Dmesg.Lines, l => l.Contains("hotremoved", StringComparison.Ordinal));
    }
}
