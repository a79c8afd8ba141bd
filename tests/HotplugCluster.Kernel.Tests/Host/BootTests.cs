using HotplugCluster.Kernel.Settings;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Host;

/// <summary>What a booted host looks like: block size, sysfs, CXL dax devices, memmaps.</summary>
public sealed class BootTests
{
    [Fact]
    public void Boot_dram_is_online_in_DMA32_and_Normal_with_its_memmap_reserved_from_the_node()
    {
        // 16 GiB: DMA32 below 4 GiB, Normal above; the boot memmap (1/64) is present but not managed.
        var host = Boot(cxlGiB: 0);
        var node = host.State.Nodes[0];
        Assert.Equal(GiB(16).ToPages(), node.Present);
        Assert.Equal((GiB(16) - MiB(256)).ToPages(), node.Managed);
        Assert.Equal(16515072UL, host.NodeKb(0, "MemTotal"));
        Assert.Contains("Node 0, zone    DMA32\n  pages free     1048576\n        spanned  1048576\n", host.Read("/proc/zoneinfo").Content);
        Assert.Equal("DMA32\n", host.Read(Block(0, "valid_zones")).Content);
        Assert.Equal("Normal\n", host.Read(Block(127, "valid_zones")).Content);
    }

    [Fact]
    public void Cxl_device_becomes_region_dax_region_and_a_kmem_bound_dax_device_with_offline_blocks()
    {
        // drivers/dax/cxl.c cxl_dax_region_probe(): dax<region>.0 with target_node, auto-bound to kmem; blocks come up
        // as auto_online_blocks says.
        var host = Boot(MiB(256));
        Assert.Equal("1\n", host.Read("/sys/bus/dax/devices/dax0.0/target_node").Content);
        Assert.Equal("4294967296\n", host.Read("/sys/bus/dax/devices/dax0.0/size").Content);
        Assert.Equal("2097152\n", host.Read("/sys/bus/dax/devices/dax0.0/align").Content);
        Assert.Equal("0x1000000000\n", host.Read("/sys/bus/dax/devices/dax0.0/resource").Content);
        Assert.Equal("0\n", host.Read("/sys/bus/dax/devices/dax0.0/numa_node").Content);
        Assert.Equal("../../../../bus/dax/drivers/kmem", Kernel.Sysfs.SysfsReader.ReadLink(host.State, "/sys/bus/dax/devices/dax0.0/driver"));
        Assert.All(host.BlocksOf(1), b => Assert.Equal("offline\n", host.Read(Block(b, "state")).Content));
        Assert.Equal(Errno.EISDIR, host.Read("/sys/devices/system/node/node1/memory256").Error);
    }

    [Fact]
    public void Cxl_blocks_come_up_online_movable_when_auto_online_says_so()
    {
        var host = Boot(MiB(256), autoOnline: OnlineType.OnlineMovable);
        Assert.All(host.BlocksOf(1), b => Assert.Equal("Movable\n", host.Read(Block(b, "valid_zones")).Content));
        Assert.Equal("1\n", host.Read("/sys/bus/dax/devices/dax0.0/numa_node").Content);
        Assert.Equal("online_movable\n", host.Read("/sys/devices/system/memory/auto_online_blocks").Content);
    }

    [Fact]
    public void Module_parameters_read_and_write_as_the_kernel_prints_them()
    {
        var host = Boot(MiB(256), MemmapOnMemoryMode.Force);
        const string P = "/sys/module/memory_hotplug/parameters";
        Assert.Equal("force\n", host.Read($"{P}/memmap_on_memory").Content);
        Assert.Equal("contig-zones\n", host.Read($"{P}/online_policy").Content);
        Assert.True(host.Write($"{P}/online_policy", "auto-movable\n").Ok);
        Assert.Equal("auto-movable\n", host.Read($"{P}/online_policy").Content);
        Assert.Equal(Errno.EINVAL, host.Write($"{P}/online_policy", "movable").Error);
        Assert.Equal("301\n", host.Read($"{P}/auto_movable_ratio").Content);
        Assert.True(host.Write($"{P}/auto_movable_ratio", "0x10").Ok);
        Assert.Equal("16\n", host.Read($"{P}/auto_movable_ratio").Content);
        Assert.Equal(Errno.ERANGE, host.Write($"{P}/auto_movable_ratio", "4294967296").Error);
        Assert.Equal(Errno.EINVAL, host.Write("/sys/devices/system/memory/auto_online_blocks", "movable").Error);
    }

    [Fact]
    public void The_ith_cxl_device_gets_region_i_and_dax_i_0()
    {
        var s = Config(MiB(256)) with
        {
            CxlDevices =
            [
                new CxlDeviceSettings("mem0", GiB(4), 1, new Units.PhysAddr(64UL << 30)),
                new CxlDeviceSettings("mem1", GiB(2), 1, new Units.PhysAddr(128UL << 30)),
            ],
        };
        var host = Kernel.Host.KernelHost.Boot(s);
        var iomem = host.Read("/proc/iomem").Content!;
        Assert.Contains("2000000000-207fffffff : CXL Window 1\n  2000000000-207fffffff : region1\n    2000000000-207fffffff : dax1.0\n", iomem);
        Assert.Equal("2147483648\n", host.Read("/sys/bus/dax/devices/dax1.0/size").Content);
        Assert.Equal(24, host.BlocksOf(1).Length);
    }
}
