using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Dax;

/// <summary>
/// Removal with online blocks, kmem's leak-until-reboot path and alignment (mm/memory_hotplug.c try_remove_memory();
/// drivers/dax/kmem.c).
/// </summary>
public sealed class KmemRemoveTests
{
    private static readonly PhysAddr CxlBase = new(64UL << 30);

    [Fact]
    public void Remove_memory_fails_with_EBUSY_when_a_block_in_the_range_is_online()
    {
        var host = Boot(MiB(256));
        var ids = host.BlocksOf(1);
        Assert.True(host.Write(Block(ids[3], "state"), "online_movable").Ok);
        var op = host.Run(new RemoveMemory(CxlBase, GiB(4)));
        Assert.Equal(Errno.EBUSY, op.Error);
        Assert.True(host.State.Dmesg.Contains("removing memory fails, because memory [0x0000001030000000-0x000000103fffffff] is onlined"));
        Assert.Equal(16, host.BlocksOf(1).Length);
    }

    [Fact]
    public void Kmem_unbind_with_online_blocks_succeeds_but_leaks_the_resource()
    {
        var host = Boot(MiB(256));
        Assert.True(host.Write(Block(host.BlocksOf(1)[0], "state"), "online_movable").Ok);
        var unbind = host.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0\n");
        Assert.Equal(7, unbind.Bytes);
        Assert.Equal(Errno.ENOENT, host.Read("/sys/bus/dax/devices/dax0.0/driver").Error);
        Assert.True(host.State.Dmesg.Contains("kmem dax0.0: mapping0: 0x1000000000-0x10ffffffff cannot be hotremoved until the next reboot"));
        Assert.Contains("      1000000000-10ffffffff : System RAM (kmem)\n", host.Read("/proc/iomem").Content);
        Assert.Contains("    1000000000-10ffffffff : dax0.0\n", host.Read("/proc/iomem").Content);
        Assert.True(host.State.Dax.Find("dax0.0")!.Kmem!.Leaked);
        Assert.Equal(16, host.BlocksOf(1).Length);
    }

    [Theory]
    [InlineData("kmem")]
    [InlineData("device_dax")]
    public void Bind_after_a_leaking_unbind_fails_with_EBUSY(string driver)
    {
        // dev_dax_kmem_remove() leaks the range on purpose: it is still claimed; only a reboot recovers.
        var host = Boot(MiB(256));
        Assert.True(host.Write(Block(host.BlocksOf(1)[0], "state"), "online").Ok);
        Assert.True(host.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0").Ok);
        Assert.True(host.Write($"/sys/bus/dax/drivers/{driver}/new_id", "dax0.0").Ok);
        Assert.Equal(Errno.EBUSY, host.Write($"/sys/bus/dax/drivers/{driver}/bind", "dax0.0").Error);
        Assert.True(host.State.Dmesg.Contains($"{driver} dax0.0: probe with driver {driver} failed with error -16"));
    }

    [Fact]
    public void Kmem_unbind_of_offline_memory_removes_everything_and_rebinding_works()
    {
        var host = Boot(MiB(256), MemmapOnMemoryMode.On);
        Assert.True(host.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0").Ok);
        Assert.Empty(host.BlocksOf(1));
        Assert.DoesNotContain("dax0.0", host.Read("/proc/iomem").Content);
        Assert.Empty(host.State.Groups.All);
        Assert.Equal(Errno.ENOENT, host.Read("/sys/devices/system/node/node1/meminfo").Error);

        Assert.True(host.Write("/sys/bus/dax/drivers/kmem/bind", "dax0.0").Ok);
        Assert.Equal(16, host.BlocksOf(1).Length);
    }

    [Fact]
    public void Kmem_truncates_a_window_that_is_not_2GiB_aligned_with_2GiB_blocks_and_says_so()
    {
        // drivers/dax/kmem.c dax_kmem_range() on the CXL window of the kernel's Documentation/driver-api/cxl examples:
        // base 0xC050000000, size 242.5 GiB, 2 GiB blocks → 240 GiB usable, 2.50 GiB stranded.
        var settings = new HostSettings(
            new KernelSettings(),
            [new NumaNodeSettings(0, 8, GiB(64)), new NumaNodeSettings(1, 0, ByteSize.Zero)],
            [new CxlDeviceSettings("mem0", MiB(248320), 1, new PhysAddr(0xC050000000))]);
        var host = HotplugCluster.Kernel.Host.KernelHost.Boot(settings);
        Assert.Equal(GiB(2), host.State.BlockSize);
        Assert.True(host.State.Dmesg.Contains("kmem dax0.0: DAX region truncated by 2.50 GiB due to alignment"));
        Assert.Equal(120, host.BlocksOf(1).Length);
        Assert.Contains("c080000000-fc7fffffff : System RAM (kmem)", host.Read("/proc/iomem").Content);
    }

    [Fact]
    public void Iomem_nests_window_region_dax_and_kmem_ram()
    {
        // /proc/iomem for kmem on CXL: request_mem_region() of daxX.Y, then add_memory_driver_managed() of
        // "System RAM (kmem)" (drivers/dax/kmem.c).
        var host = Boot(MiB(256));
        Assert.Equal(
            "00001000-0009efff : System RAM\n00100000-3ffffffff : System RAM\n"
            + "1000000000-10ffffffff : CXL Window 0\n"
            + "  1000000000-10ffffffff : region0\n"
            + "    1000000000-10ffffffff : dax0.0\n"
            + "      1000000000-10ffffffff : System RAM (kmem)\n",
            host.Read("/proc/iomem").Content);
    }
}
