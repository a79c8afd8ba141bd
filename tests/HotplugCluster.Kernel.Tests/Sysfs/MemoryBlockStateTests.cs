using HotplugCluster.Kernel.Settings;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Sysfs;

/// <summary>
/// memoryN/state, memoryN/online and valid_zones (drivers/base/memory.c, drivers/base/core.c online_store()).
/// </summary>
public sealed class MemoryBlockStateTests
{
    [Theory]
    // drivers/base/memory.c mhp_online_type_from_str(): only the four strings.
    [InlineData("Online")]
    [InlineData("on")]
    [InlineData("1")]
    [InlineData("online_movable_now")]
    [InlineData("")]
    public void State_write_fails_with_EINVAL_when_the_string_is_not_one_of_the_four(string value)
    {
        var host = Boot(MiB(256));
        Assert.Equal(Errno.EINVAL, host.Write(Block(host.BlocksOf(1)[0], "state"), value).Error);
    }

    [Theory]
    [InlineData("online")]
    [InlineData("online_kernel")]
    [InlineData("online_movable")]
    public void State_write_fails_with_EINVAL_when_the_block_is_already_online(string value)
    {
        // device_online() returns 1, which state_store() turns into -EINVAL.
        var host = Boot(MiB(256));
        var id = host.BlocksOf(1)[0];
        Assert.True(host.Write(Block(id, "state"), "online").Ok);
        Assert.Equal(Errno.EINVAL, host.Write(Block(id, "state"), value).Error);
    }

    [Fact]
    public void State_write_fails_with_EINVAL_when_the_block_is_already_offline()
    {
        var host = Boot(MiB(256));
        Assert.Equal(Errno.EINVAL, host.Write(Block(host.BlocksOf(1)[0], "state"), "offline\n").Error);
    }

    [Fact]
    public void Online_file_treats_already_in_state_as_success()
    {
        // drivers/base/core.c online_store(): ret < 0 ? ret : count.
        var host = Boot(MiB(256));
        var id = host.BlocksOf(1)[0];
        Assert.Equal(2, host.Write(Block(id, "online"), "1\n").Bytes);
        Assert.Equal(2, host.Write(Block(id, "online"), "1\n").Bytes);
        Assert.Equal("online\n", host.Read(Block(id, "state")).Content);
        Assert.Equal(1, host.Write(Block(id, "online"), "0").Bytes);
        Assert.True(host.Write(Block(id, "online"), "0").Ok);
    }

    [Fact]
    public void Fresh_memory_only_node_offers_Normal_Movable_under_contig_zones()
    {
        var host = Boot(MiB(256));
        Assert.Equal("Normal Movable\n", host.Read(Block(host.BlocksOf(1)[0], "valid_zones")).Content);
    }

    [Theory]
    // zone_for_pfn_range(): contig-zones on a fresh node → kernel zone; auto-movable with numa_aware=Y on a memory-only
    // node → kernel zone.
    [InlineData(OnlinePolicy.ContigZones)]
    [InlineData(OnlinePolicy.AutoMovable)]
    public void Plain_online_picks_Normal_on_a_fresh_memory_only_node(OnlinePolicy policy)
    {
        var host = Boot(MiB(256), policy: policy);
        var id = host.BlocksOf(1)[0];
        Assert.True(host.Write(Block(id, "state"), "online").Ok);
        Assert.Equal("Normal\n", host.Read(Block(id, "valid_zones")).Content);
    }

    [Fact]
    public void Next_block_inherits_Movable_under_contig_zones_once_the_zone_spans_it()
    {
        // default_zone_for_pfn(): a block inside the span of the node's Movable zone gets Movable.
        var host = Boot(MiB(256));
        var ids = host.BlocksOf(1);
        Assert.True(host.Write(Block(ids[0], "state"), "online_movable").Ok);
        Assert.True(host.Write(Block(ids[2], "state"), "online_movable").Ok);
        Assert.Equal("Movable Normal\n", host.Read(Block(ids[1], "valid_zones")).Content);
    }

    [Fact]
    public void Auto_movable_picks_Movable_when_numa_awareness_is_off_and_the_ratio_allows()
    {
        // auto_movable_can_online_movable(): 4 GiB movable against 16 GiB early kernel pages is within 301%.
        var host = Boot(MiB(256), policy: OnlinePolicy.AutoMovable);
        var id = host.BlocksOf(1)[0];
        Assert.Equal("Normal Movable\n", host.Read(Block(id, "valid_zones")).Content);
        Assert.True(host.Write("/sys/module/memory_hotplug/parameters/auto_movable_numa_aware", "N").Ok);
        Assert.Equal("Movable Normal\n", host.Read(Block(id, "valid_zones")).Content);
        Assert.True(host.Write(Block(id, "state"), "online").Ok);
        Assert.Equal("Movable\n", host.Read(Block(id, "valid_zones")).Content);
    }

    [Fact]
    public void Block_files_read_in_the_kernel_formats()
    {
        var host = Boot(MiB(256));
        var id = host.BlocksOf(1)[0];
        Assert.Equal($"{id:x8}\n", host.Read(Block(id, "phys_index")).Content);
        Assert.Equal("1\n", host.Read(Block(id, "removable")).Content);
        Assert.Equal("0\n", host.Read(Block(id, "phys_device")).Content);
        Assert.Equal("10000000\n", host.Read("/sys/devices/system/memory/block_size_bytes").Content);
        Assert.Equal(256u, id);
    }

    [Fact]
    public void Read_only_files_refuse_writes_with_EACCES()
    {
        var host = Boot(MiB(256));
        Assert.Equal(Errno.EACCES, host.Write(Block(host.BlocksOf(1)[0], "valid_zones"), "Normal").Error);
        Assert.Equal(Errno.EACCES, host.Write("/sys/module/memory_hotplug/parameters/memmap_on_memory", "1").Error);
        Assert.Equal(Errno.ENOENT, host.Write(Block(9999, "state"), "online").Error);
    }

    [Fact]
    public void Online_type_written_to_an_online_block_sticks_for_a_later_online_file_write()
    {
        // drivers/base/memory.c state_store() sets mem->online_type before device_online(), which returns 1
        // without calling memory_subsys_online() (the only place that resets it) when already online.
        var host = Boot(MiB(256));
        var id = host.BlocksOf(1)[0];
        Assert.True(host.Write(Block(id, "state"), "online").Ok);
        Assert.Equal(Errno.EINVAL, host.Write(Block(id, "state"), "online_movable").Error);
        Assert.True(host.Write(Block(id, "state"), "offline").Ok);
        Assert.True(host.Write(Block(id, "online"), "1").Ok);
        Assert.Equal("Movable\n", host.Read(Block(id, "valid_zones")).Content);
    }
}
