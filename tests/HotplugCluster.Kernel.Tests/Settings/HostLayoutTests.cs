using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Settings;

/// <summary>
/// Host settings validation and the block-size probe (arch/x86/mm/init_64.c probe_memory_block_size()).
/// </summary>
public sealed class HostLayoutTests
{
    [Theory]
    // arch/x86/mm/init_64.c probe_memory_block_size(): < 64 GiB → 128 MiB; bare metal → 2 GiB;
    // hypervisor → largest power of two ≤ 2 GiB dividing the end of boot memory.
    [InlineData(16UL, false, 128UL)]
    [InlineData(63UL, false, 128UL)]
    [InlineData(64UL, false, 2048UL)]
    [InlineData(512UL, false, 2048UL)]
    [InlineData(64UL, true, 2048UL)]
    [InlineData(65UL, true, 1024UL)]
    public void Probe_picks_the_x86_block_size(ulong bootGiB, bool hypervisor, ulong expectedMiB)
    {
        Assert.Equal(MiB(expectedMiB), BlockSizeProbe.Probe(GiB(bootGiB), hypervisor));
    }

    [Fact]
    public void Hypervisor_probe_halves_until_the_boot_end_divides()
    {
        Assert.Equal(MiB(256), BlockSizeProbe.Probe(GiB(64) + MiB(256), hypervisor: true));
    }

    [Fact]
    public void Explicit_block_size_overrides_the_probe()
    {
        var layout = Config(MiB(256)).Resolve().GetOrThrow();
        Assert.Equal(MiB(256), layout.BlockSize);
        Assert.Equal(MiB(128), Config().Resolve().GetOrThrow().BlockSize);
    }

    [Theory]
    [InlineData(100UL)]
    [InlineData(64UL)]
    [InlineData(131072UL)]
    public void Block_size_that_is_not_a_power_of_two_in_range_is_rejected(ulong mib)
    {
        var result = Config(MiB(mib)).Resolve();
        Assert.Contains(result.Errors, e => e.Setting == "kernel.memory-block-size");
    }

    [Fact]
    public void Capacity_that_is_not_a_multiple_of_256MiB_is_rejected_naming_the_setting()
    {
        var s = Config() with { CxlDevices = [new CxlDeviceSettings("mem0", MiB(384), 1)] };
        var error = Assert.Single(s.Resolve().Errors);
        Assert.Equal("cxl-devices[0].capacity", error.Setting);
    }

    [Fact]
    public void Target_node_that_does_not_exist_is_rejected()
    {
        var s = Config() with { CxlDevices = [new CxlDeviceSettings("mem0", GiB(4), 7)] };
        Assert.Equal("cxl-devices[0].target-node", Assert.Single(s.Resolve().Errors).Setting);
    }

    [Fact]
    public void Overlapping_windows_are_rejected()
    {
        var s = Config() with
        {
            CxlDevices =
            [
                new CxlDeviceSettings("mem0", GiB(4), 1, new PhysAddr(64UL << 30)),
                new CxlDeviceSettings("mem1", GiB(4), 1, new PhysAddr(66UL << 30)),
            ],
        };
        var error = Assert.Single(s.Resolve().Errors);
        Assert.Equal("cxl-devices[1].base", error.Setting);
        Assert.Contains("mem0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Window_over_boot_dram_is_rejected()
    {
        var s = Config(cxlBase: new PhysAddr(8UL << 30));
        Assert.Equal("cxl-devices[0].base", Assert.Single(s.Resolve().Errors).Setting);
    }

    [Fact]
    public void Boot_throws_listing_every_error()
    {
        var s = Config() with { CxlDevices = [new CxlDeviceSettings("mem0", MiB(100), 9)] };
        var ex = Assert.Throws<InvalidHostSettingsException>(() => HotplugCluster.Kernel.Host.KernelHost.Boot(s));
        Assert.Equal(2, ex.Errors.Count);
    }

    [Fact]
    public void Force_is_rejected_on_6_1()
    {
        var s = Config(memmap: MemmapOnMemoryMode.Force, version: KernelVersion.V6_1);
        Assert.Equal("kernel.memmap-on-memory", Assert.Single(s.Resolve().Errors).Setting);
    }

    [Fact]
    public void Windows_without_base_are_placed_after_boot_memory_in_device_order()
    {
        var s = Config() with
        {
            CxlDevices = [new CxlDeviceSettings("mem0", GiB(4), 1), new CxlDeviceSettings("mem1", GiB(2), 1)],
        };
        var w = s.Resolve().GetOrThrow().CxlWindows;
        Assert.Equal(new PhysAddr(16UL << 30), w[0].Start);
        Assert.Equal(new PhysAddr(20UL << 30), w[1].Start);
    }

    [Fact]
    public void Dram_is_laid_out_from_zero_in_node_order()
    {
        var s = new HostSettings(
            new KernelSettings(),
            [new NumaNodeSettings(0, 4, GiB(8)), new NumaNodeSettings(1, 4, GiB(8)), new NumaNodeSettings(2, 0, ByteSize.Zero)],
            []);
        var host = HotplugCluster.Kernel.Host.KernelHost.Boot(s);
        Assert.Equal("00001000-0009efff : System RAM\n00100000-1ffffffff : System RAM\n200000000-3ffffffff : System RAM\n", host.Read("/proc/iomem").Content);
        Assert.Equal(Errno.ENOENT, host.Read("/sys/devices/system/node/node2/meminfo").Error);
        Assert.True(host.Read("/sys/devices/system/node/node1/meminfo").Ok);
    }
}
