using HotplugCluster.Kernel.Sysfs;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Sysfs;

/// <summary>Directory listings of the simulated trees: what the kernel's directories list (drivers/base/memory.c, drivers/base/node.c, drivers/dax/bus.c, drivers/base/core.c), symlinks followed.</summary>
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

        // memory_root_attrs (block_size_bytes, auto_online_blocks, hard/soft_offline_page with CONFIG_MEMORY_FAILURE) and the driver core's power/ and uevent.
        Assert.Equal(64 + 4 + 6, names.Count);
        Assert.Equal(
            ["auto_online_blocks", "block_size_bytes", "hard_offline_page", "memory0"],
            names.Take(4));
        Assert.Equal(["power", "soft_offline_page", "uevent"], names.TakeLast(3));
    }

    [Fact]
    public void Memory_block_lists_its_attributes_node_link_and_subsystem()
    {
        // drivers/base/memory.c memory_memblk_attrs, do_register_memory_block_under_node() (the nodeN link), device_add() (subsystem, power, uevent).
        var host = Boot(MiB(256), cxlGiB: 1);
        Assert.Equal(
            ["node1", "online", "phys_device", "phys_index", "power", "removable", "state", "subsystem", "uevent", "valid_zones"],
            host.List("/sys/devices/system/memory/memory256"));
        Assert.Equal("/sys/devices/system/node/node1", SysfsLayout.Resolve(host.State, "/sys/devices/system/memory/memory256/node1"));
        Assert.Equal("/sys/bus/memory", SysfsLayout.Resolve(host.State, "/sys/devices/system/memory/memory256/subsystem"));
    }

    [Fact]
    public void Node_directory_links_its_blocks()
    {
        var host = Boot(MiB(256), cxlGiB: 1);
        Assert.Equal(
            ["compact", "cpulist", "cpumap", "distance", "hugepages", "meminfo", "memory256", "memory257", "memory258", "memory259",
             "numastat", "power", "subsystem", "uevent", "vmstat", "x86"],
            host.List("/sys/devices/system/node/node1"));
        Assert.Equal(
            ["has_cpu", "has_generic_initiator", "has_memory", "has_normal_memory", "node0", "node1", "online", "possible", "power", "uevent"],
            host.List("/sys/devices/system/node"));
        Assert.Null(host.List("/sys/devices/system/node/node7"));
    }

    [Fact]
    public void Dax_device_lists_its_files_and_driver_link()
    {
        var host = Boot(MiB(256), cxlGiB: 1);
        Assert.Equal(
            ["align", "dev", "driver", "mapping0", "memmap_on_memory", "modalias", "numa_node", "resource", "size", "subsystem", "target_node"],
            host.List("/sys/bus/dax/devices/dax0.0"));
        Assert.Equal(["bind", "dax0.0", "module", "new_id", "remove_id", "unbind"], host.List("/sys/bus/dax/drivers/kmem"));

        // The device lives below its region, so daxR.N/../dax_region is the region's attribute group, as libdaxctl expects.
        Assert.Equal(
            "/sys/devices/platform/ACPI0017:00/root0/decoder0.0/region0/dax_region0/dax_region",
            SysfsLayout.Resolve(host.State, "/sys/bus/dax/devices/dax0.0/../dax_region"));
        Assert.Equal(SysfsLayout.Resolve(host.State, "/sys/bus/cxl/devices/dax_region0/dax0.0"), SysfsLayout.Resolve(host.State, "/sys/bus/dax/devices/dax0.0"));
        Assert.Equal("/sys/bus/dax", SysfsLayout.Resolve(host.State, $"/sys/dev/char/{SysfsLayout.DaxMajor}:0/subsystem"));
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
