using HotplugCluster.Kernel.Settings;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Dax;

/// <summary>daxX.Y/memmap_on_memory (drivers/dax/bus.c memmap_on_memory_store(), drivers/dax/kmem.c).</summary>
public sealed class MemmapOnMemoryKnobTests
{
    private const string Knob = "/sys/bus/dax/devices/dax0.0/memmap_on_memory";

    [Fact]
    public void Cxl_device_reads_1_even_when_the_global_mode_is_off()
    {
        var host = Boot(MiB(256));
        Assert.Equal("1\n", host.Read(Knob).Content);
        Assert.Equal("N\n", host.Read("/sys/module/memory_hotplug/parameters/memmap_on_memory").Content);
    }

    [Fact]
    public void Add_falls_back_silently_to_a_node_memmap_when_the_global_mode_is_off()
    {
        // add_memory_resource() falls back silently since v6.6; kmem asked for MHP_MEMMAP_ON_MEMORY because the device
        // says 1.
        var host = Boot(MiB(256));
        Assert.All(host.BlocksOf(1), id => Assert.False(host.State.Blocks[new Units.BlockId(id)].HasAltmap));
        Assert.Equal("offline\n", host.Read(Block(host.BlocksOf(1)[0], "state")).Content);
    }

    [Fact]
    public void Writing_1_fails_with_EOPNOTSUPP_when_the_global_mode_is_off()
    {
        var host = Boot(MiB(256), mode: CxlDeviceMode.Devdax);
        Assert.Equal(Errno.EOPNOTSUPP, host.Write(Knob, "1").Error);
    }

    [Fact]
    public void Changing_it_fails_with_EBUSY_while_bound_to_kmem()
    {
        var host = Boot(MiB(256), MemmapOnMemoryMode.On);
        Assert.Equal(Errno.EBUSY, host.Write(Knob, "0\n").Error);
        Assert.Equal("1\n", host.Read(Knob).Content);
    }

    [Fact]
    public void Writing_the_current_value_succeeds_while_bound_to_kmem()
    {
        var host = Boot(MiB(256), MemmapOnMemoryMode.On);
        Assert.Equal(2, host.Write(Knob, "1\n").Bytes);
    }

    [Fact]
    public void Changing_it_succeeds_while_bound_to_device_dax()
    {
        var host = Boot(MiB(256), MemmapOnMemoryMode.On, mode: CxlDeviceMode.Devdax);
        Assert.True(host.Write(Knob, "0").Ok);
        Assert.Equal("0\n", host.Read(Knob).Content);
    }

    [Theory]
    // lib/kstrtox.c kstrtobool: anything not y/n/1/0/on/off/t/f/e/d is -EINVAL.
    [InlineData("2")]
    [InlineData("maybe")]
    [InlineData("")]
    public void A_non_boolean_fails_with_EINVAL(string value)
    {
        var host = Boot(MiB(256), MemmapOnMemoryMode.On);
        Assert.Equal(Errno.EINVAL, host.Write(Knob, value).Error);
    }

    [Fact]
    public void The_file_does_not_exist_on_6_1()
    {
        // docs/kernel-model.md, "Kernel versions": the knob is v6.8/6.9 (73954d379efd); v6.1 has no
        // dev_dax->memmap_on_memory.
        var host = Boot(MiB(256), MemmapOnMemoryMode.On, version: KernelVersion.V6_1);
        Assert.Equal(Errno.ENOENT, host.Read(Knob).Error);
        Assert.Equal(Errno.ENOENT, host.Write(Knob, "1").Error);
    }

    [Fact]
    public void Kmem_never_asks_for_memmap_on_memory_on_6_1()
    {
        // docs/kernel-model.md, "Kernel versions": v6.1 kmem passes MHP_NID_IS_MGID only, so node 0 pays 4 MiB per
        // block even with the global mode on.
        var bare = Boot(MiB(256), MemmapOnMemoryMode.On, cxlGiB: 0, version: KernelVersion.V6_1);
        var host = Boot(MiB(256), MemmapOnMemoryMode.On, version: KernelVersion.V6_1);
        // Before v6.3 device_dax matches every device (match_always), so the device boots in devdax mode.
        Assert.Equal("../../../../bus/dax/drivers/device_dax", Kernel.Sysfs.SysfsReader.ReadLink(host.State, "/sys/bus/dax/devices/dax0.0/driver"));

        // daxctl reconfigure-device -m system-ram: unbind device_dax, new_id + bind kmem.
        Assert.True(host.Write("/sys/bus/dax/drivers/device_dax/unbind", "dax0.0").Ok);
        Assert.Equal(Errno.ENODEV, host.Write("/sys/bus/dax/drivers/kmem/bind", "dax0.0").Error);
        Assert.True(host.Write("/sys/bus/dax/drivers/kmem/new_id", "dax0.0").Ok);
        Assert.Equal("../../../../bus/dax/drivers/kmem", Kernel.Sysfs.SysfsReader.ReadLink(host.State, "/sys/bus/dax/devices/dax0.0/driver"));
        Assert.Equal(bare.FreeBesidesKernelKb(0) - (16 * 4096), host.FreeBesidesKernelKb(0));
    }
}
