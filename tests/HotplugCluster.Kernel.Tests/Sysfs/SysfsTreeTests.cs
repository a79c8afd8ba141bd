using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Sysfs;

/// <summary>Directory listings of the simulated trees (reference §5.1, §6.3).</summary>
public sealed class SysfsTreeTests
{
    [Fact]
    public void Memory_directory_lists_the_root_files_and_every_block()
    {
        var host = Boot(MiB(256), cxlGiB: 1);
        var names = host.List("/sys/devices/system/memory")!;
        Assert.Contains("auto_online_blocks", names);
        Assert.Contains("block_size_bytes", names);
        Assert.Contains("memory0", names);
        Assert.Contains("memory259", names);
        Assert.Equal(64 + 4 + 2, names.Count);
    }

    [Fact]
    public void Node_directory_links_its_blocks()
    {
        var host = Boot(MiB(256), cxlGiB: 1);
        Assert.Equal(["meminfo", "memory256", "memory257", "memory258", "memory259"], host.List("/sys/devices/system/node/node1"));
        Assert.Null(host.List("/sys/devices/system/node/node7"));
    }

    [Fact]
    public void Dax_device_lists_its_files_and_driver_link()
    {
        var host = Boot(MiB(256), cxlGiB: 1);
        Assert.Equal(
            ["align", "driver", "mapping0", "memmap_on_memory", "numa_node", "resource", "size", "target_node"],
            host.List("/sys/bus/dax/devices/dax0.0"));
        Assert.Equal(["bind", "new_id", "remove_id", "unbind"], host.List("/sys/bus/dax/drivers/kmem"));
    }
}
