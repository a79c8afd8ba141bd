using HotplugCluster.Kernel.Host;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Dax;

/// <summary>
/// Dynamic dax region partitioning: create, size, delete and their errnos (drivers/dax/bus.c; ndctl
/// test/daxctl-create.sh).
/// </summary>
public sealed class DaxRegionTests
{
    private const string Region = "/sys/bus/cxl/devices/dax_region0/dax_region";
    private static readonly ulong S = 1UL << 30;

    /// <summary>The daxctl-create.sh setup: the seed device unbound and shrunk to 0, the whole region available.</summary>
    private static KernelHost Emptied()
    {
        var host = Boot(MiB(256));
        Assert.True(host.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0").Ok);
        Assert.True(host.Write("/sys/bus/dax/devices/dax0.0/size", "0").Ok);
        Assert.Equal($"{4 * S}\n", host.Read($"{Region}/available_size").Content);
        return host;
    }

    private static string Create(KernelHost host, ulong size)
    {
        Assert.True(host.Write($"{Region}/create", "1").Ok);
        var seed = host.Read($"{Region}/seed").Content!.TrimEnd('\n');
        Assert.True(host.Write($"/sys/bus/dax/devices/{seed}/size", size.ToString()).Ok);
        Assert.True(host.Write("/sys/bus/dax/drivers/device_dax/new_id", seed).Ok);
        return seed;
    }

    private static void Destroy(KernelHost host, string dev)
    {
        Assert.True(host.Write("/sys/bus/dax/drivers/device_dax/unbind", dev).Ok);
        Assert.True(host.Write($"/sys/bus/dax/devices/{dev}/size", "0").Ok);
        Assert.True(host.Write($"{Region}/delete", dev).Ok);
    }

    private static int Mappings(KernelHost host, string dev) =>
        host.List($"/sys/bus/dax/devices/{dev}")!.Count(n => n.StartsWith("mapping", StringComparison.Ordinal));

    [Fact]
    public void Region_files_read_as_the_kernel_prints_them()
    {
        var host = Boot(MiB(256));
        Assert.Equal("0\n", host.Read($"{Region}/available_size").Content);
        Assert.Equal($"{4 * S}\n", host.Read($"{Region}/size").Content);
        Assert.Equal("2097152\n", host.Read($"{Region}/align").Content);
        Assert.Equal("\n", host.Read($"{Region}/seed").Content);
        Assert.Equal("0x1000000000\n", host.Read("/sys/bus/dax/devices/dax0.0/mapping0/start").Content);
        Assert.Equal("0x10ffffffff\n", host.Read("/sys/bus/dax/devices/dax0.0/mapping0/end").Content);
    }

    [Fact]
    public void Whole_available_space_gives_one_mapping_and_no_space_remains()
    {
        // ndctl test/daxctl-create.sh test1.
        var host = Emptied();
        var dev = Create(host, 4 * S);
        Assert.Equal(1, Mappings(host, dev));
        Assert.Equal("0\n", host.Read($"{Region}/available_size").Content);
        Assert.Equal(Errno.ENOSPC, host.Write($"{Region}/create", "1").Error);
        Destroy(host, dev);
    }

    [Fact]
    public void Resizing_around_holes_splits_or_extends_ranges_as_the_adjust_test_expects()
    {
        // ndctl test/daxctl-create.sh test5: four devices of available/4, destroy .1 and .4, grow .2 (2 mappings) then
        // .3 (1 mapping).
        var host = Emptied();
        var devs = Enumerable.Range(0, 4).Select(_ => Create(host, S)).ToArray();
        Assert.Equal(["dax0.1", "dax0.2", "dax0.3", "dax0.4"], devs);
        Destroy(host, "dax0.1");
        Destroy(host, "dax0.4");
        Assert.True(host.Write("/sys/bus/dax/drivers/device_dax/unbind", "dax0.2").Ok);
        Assert.True(host.Write("/sys/bus/dax/devices/dax0.2/size", (2 * S).ToString()).Ok);
        Assert.Equal(2, Mappings(host, "dax0.2"));
        Assert.Equal("0x40000\n", host.Read("/sys/bus/dax/devices/dax0.2/mapping1/page_offset").Content);
        Assert.True(host.Write("/sys/bus/dax/drivers/device_dax/unbind", "dax0.3").Ok);
        Assert.True(host.Write("/sys/bus/dax/devices/dax0.3/size", (2 * S).ToString()).Ok);
        Assert.Equal(1, Mappings(host, "dax0.3"));
        Assert.Equal("0\n", host.Read($"{Region}/available_size").Content);
    }

    [Fact]
    public void Size_writes_fail_with_the_kernel_errnos()
    {
        var host = Boot(MiB(256));
        Assert.Equal(Errno.EBUSY, host.Write("/sys/bus/dax/devices/dax0.0/size", "0").Error);
        Assert.True(host.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0").Ok);
        Assert.Equal(Errno.EINVAL, host.Write("/sys/bus/dax/devices/dax0.0/size", "4096").Error);
        Assert.Equal(Errno.ENOSPC, host.Write("/sys/bus/dax/devices/dax0.0/size", (5 * S).ToString()).Error);
        Assert.Equal(Errno.EINVAL, host.Write("/sys/bus/dax/devices/dax0.0/size", "lots").Error);
        Assert.True(host.Write("/sys/bus/dax/devices/dax0.0/size", S.ToString()).Ok);
        Assert.Equal($"{3 * S}\n", host.Read($"{Region}/available_size").Content);
    }

    [Fact]
    public void Delete_refuses_device_0_bound_or_sized_devices_and_unknown_names()
    {
        var host = Emptied();
        Assert.Equal(Errno.EBUSY, host.Write($"{Region}/delete", "dax0.0").Error);
        Assert.Equal(Errno.ENXIO, host.Write($"{Region}/delete", "dax0.9").Error);
        var dev = Create(host, S);
        Assert.Equal(Errno.EBUSY, host.Write($"{Region}/delete", dev).Error);
        Assert.True(host.Write("/sys/bus/dax/drivers/device_dax/unbind", dev).Ok);
        Assert.Equal(Errno.EBUSY, host.Write($"{Region}/delete", dev).Error);
        Assert.Equal(Errno.EINVAL, host.Write($"{Region}/create", "2").Error);
    }

    [Fact]
    public void A_zero_sized_device_cannot_be_bound()
    {
        // drivers/dax/bus.c dax_bus_probe(): size 0 → -ENXIO.
        var host = Emptied();
        Assert.Equal(Errno.ENXIO, host.Write("/sys/bus/dax/drivers/kmem/bind", "dax0.0").Error);
    }

    [Fact]
    public void Kmem_hot_adds_every_range_of_a_split_device()
    {
        var host = Emptied();
        _ = Enumerable.Range(0, 4).Select(_ => Create(host, S)).ToArray();
        Destroy(host, "dax0.1");
        Destroy(host, "dax0.4");
        Assert.True(host.Write("/sys/bus/dax/drivers/device_dax/unbind", "dax0.2").Ok);
        Assert.True(host.Write("/sys/bus/dax/devices/dax0.2/size", (2 * S).ToString()).Ok);
        Assert.True(host.Write("/sys/bus/dax/drivers/device_dax/remove_id", "dax0.2").Ok);
        Assert.True(host.Write("/sys/bus/dax/drivers/kmem/bind", "dax0.2").Ok);
        Assert.Equal(8, host.BlocksOf(1).Length);
        Assert.Single(host.State.Groups.All);
    }

    [Fact]
    public void Align_writes_fail_with_the_kernel_errnos_and_change_the_device_dax_memmap()
    {
        // drivers/dax/bus.c align_store(): parse error -ENXIO, invalid value -EINVAL, bound -EBUSY.
        var host = Boot(MiB(256), mode: Kernel.Settings.CxlDeviceMode.Devdax);
        const string Align = "/sys/bus/dax/devices/dax0.0/align";
        Assert.Equal(Errno.ENXIO, host.Write(Align, "big").Error);
        Assert.Equal(Errno.EINVAL, host.Write(Align, "65536").Error);
        Assert.Equal(Errno.EBUSY, host.Write(Align, "1073741824").Error);
        var free = host.NodeKb(0, "MemFree");
        Assert.True(host.Write("/sys/bus/dax/drivers/device_dax/unbind", "dax0.0").Ok);
        Assert.True(host.Write(Align, "1073741824\n").Ok);
        Assert.Equal("1073741824\n", host.Read(Align).Content);
        Assert.True(host.Write("/sys/bus/dax/drivers/device_dax/bind", "dax0.0").Ok);

        // 1 GiB compound pages: 2 vmemmap pages per GiB instead of 2 per 2 MiB.
        Assert.Equal(free + 16384 - 32, host.NodeKb(0, "MemFree"));
    }
}
