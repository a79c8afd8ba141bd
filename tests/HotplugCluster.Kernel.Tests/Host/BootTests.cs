using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Host;

/// <summary>What a booted host looks like: block size, sysfs, CXL dax devices, memmaps.</summary>
public sealed class BootTests
{
    [Fact]
    public void Boot_dram_is_online_in_DMA_DMA32_and_Normal_with_its_memmap_reserved_from_the_node()
    {
        // 16 GiB from address 0, as an x86_64 PC boots it: page 0 and 636 KiB-1 MiB are not RAM (trim_bios_range(),
        // arch/x86/kernel/setup.c; the EBDA page), ZONE_DMA is the first 16 MiB, DMA32 up to 4 GiB, Normal above
        // (zone_sizes_init(), arch/x86/mm/init.c); the first MiB is memblock-reserved and the boot memmap (1/64) too.
        var host = Boot(cxlGiB: 0);
        var node = host.State.Nodes[0];
        Assert.Equal(GiB(16).ToPages().Value - 98, node.Present.Value);
        Assert.Equal(GiB(16).ToPages().Value - 98 - 158 - MiB(256).ToPages().Value, node.Managed.Value);
        Assert.Equal(16514048UL, host.NodeKb(0, "MemTotal"));

        // Measured on QEMU guests (6.1, 6.12): DMA spans pfn 1-4095 with 3998 present and 3840 managed pages.
        var zoneinfo = host.Read("/proc/zoneinfo").Content;
        Assert.Contains("Node 0, zone      DMA\n  pages free     3840\n        spanned  4095\n        present  3998\n        managed  3840\n", zoneinfo);
        Assert.Contains("Node 0, zone    DMA32\n  pages free     1044480\n        spanned  1044480\n", zoneinfo);
        Assert.Equal("Normal\n", host.Read(Block(127, "valid_zones")).Content);
    }

    [Fact]
    public void Memory0_spans_DMA_and_DMA32_so_it_has_no_zone_and_refuses_to_go_offline_with_EINVAL()
    {
        // early_node_zone_for_memory_block() leaves mem->zone NULL; valid_zones_show() prints "none" and
        // memory_block_offline() returns -EINVAL before offline_pages() (drivers/base/memory.c).
        var host = Boot(cxlGiB: 0);
        Assert.Equal("none\n", host.Read(Block(0, "valid_zones")).Content);
        Assert.Equal("DMA32\n", host.Read(Block(1, "valid_zones")).Content);
        Assert.Equal(Errno.EINVAL, host.Write(Block(0, "state"), "offline").Error);
        Assert.Equal(Errno.EINVAL, host.Write(Block(0, "online"), "0").Error);
        Assert.Equal("online\n", host.Read(Block(0, "state")).Content);
        Assert.False(host.State.Dmesg.Contains("memory holes"));
    }

    [Fact]
    public void A_hole_in_the_last_boot_block_moves_the_boot_memmap_below_it()
    {
        // memblock allocates the memmap from free RAM top-down, so a hole at the top of the node (QEMU reserves the
        // top 132 KiB below 1 GiB for firmware tables) only pushes it down; the block keeps the rest of its RAM.
        var host = KernelHost.Boot(new HostSettings(
            new KernelSettings(MiB(128)),
            [new NumaNodeSettings(0, 1, GiB(1)) { Holes = [new MemoryHole(ByteSize.FromKiB(1048444), ByteSize.FromKiB(132))] }],
            []));
        var top = host.State.Blocks[new BlockId(7)];
        Assert.Equal(MiB(16).ToPages().Value, top.ReservedPages);
        Assert.Equal("00000000-3ffdefff : System RAM\n", host.Read("/proc/iomem").Content);
        Assert.Equal(Errno.EINVAL, host.Write(Block(7, "state"), "offline").Error);
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
