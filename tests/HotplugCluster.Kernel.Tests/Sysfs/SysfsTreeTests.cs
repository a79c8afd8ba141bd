using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Sysfs;

/// <summary>Directory listings of the simulated trees (drivers/base/memory.c, drivers/dax/bus.c attributes).</summary>
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

    [Fact]
    public void Node_state_lists_follow_hot_add_online_and_remove()
    {
        // drivers/base/node.c: N_ONLINE after hot-add registers the node, N_MEMORY once memory is online.
        var host = Boot(MiB(256), cxlGiB: 1);
        Assert.Equal("0-1\n", host.Read("/sys/devices/system/node/possible").Content);
        Assert.Equal("0-1\n", host.Read("/sys/devices/system/node/online").Content);
        Assert.Equal("0\n", host.Read("/sys/devices/system/node/has_memory").Content);
        Assert.True(host.Write(Block(256, "state"), "online_movable").Ok);
        Assert.Equal("0-1\n", host.Read("/sys/devices/system/node/has_memory").Content);
        Assert.Equal("0\n", host.Read("/sys/devices/system/node/has_normal_memory").Content);
        Assert.True(host.Write(Block(256, "state"), "offline").Ok);
        Assert.True(host.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0").Ok);
        Assert.Equal("0\n", host.Read("/sys/devices/system/node/online").Content);
        Assert.Equal("0\n", host.Read("/sys/devices/system/node/has_cpu").Content);
    }
}
