using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.Settings;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Hotplug;

/// <summary>
/// What kernel.version = 6.12 changes against 6.8: memory_block_online() / memory_block_offline() announce
/// MEM_PREPARE_ONLINE and MEM_FINISH_OFFLINE around the altmap's life (drivers/base/memory.c, v6.9); the rest
/// (per-block altmaps, the dax memmap_on_memory knob) is 6.8's.
/// </summary>
public sealed class KernelVersion612Tests
{
    private static MemoryAction[] Notified(KernelHost host, int from) =>
        [.. host.Journal.Skip(from).OfType<MemoryNotified>().Select(n => n.Action)];

    [Fact]
    public void Online_and_offline_on_6_12_bracket_the_block_with_prepare_and_finish()
    {
        var host = Boot(MiB(128), MemmapOnMemoryMode.On, version: KernelVersion.V6_12);
        var id = host.BlocksOf(1)[0];
        var before = host.Journal.Count;
        Assert.True(host.Write(Block(id, "state"), "online_movable").Ok);
        Assert.Equal([MemoryAction.MEM_PREPARE_ONLINE, MemoryAction.MEM_GOING_ONLINE, MemoryAction.MEM_ONLINE], Notified(host, before));

        // The notifier sees the block less its altmap: arg.start_pfn = start + nr_vmemmap_pages.
        var prepare = host.Journal.Skip(before).OfType<MemoryNotified>().First();
        Assert.Equal(host.State.Blocks.StartPfnOf(new Units.BlockId(id)) + host.State.Blocks[new Units.BlockId(id)].VmemmapPages, prepare.StartPfn);

        before = host.Journal.Count;
        Assert.True(host.Write(Block(id, "state"), "offline").Ok);
        Assert.Equal([MemoryAction.MEM_GOING_OFFLINE, MemoryAction.MEM_OFFLINE, MemoryAction.MEM_FINISH_OFFLINE], Notified(host, before));
    }

    [Fact]
    public void A_vetoed_online_on_6_12_finishes_what_it_prepared()
    {
        var host = Boot(MiB(128), version: KernelVersion.V6_12);
        var id = host.BlocksOf(1)[0];
        Assert.True(host.Write("/sys/kernel/debug/notifier-error-inject/memory/actions/MEM_GOING_ONLINE/error", "-12").Ok);
        var before = host.Journal.Count;
        Assert.Equal(Errno.ENOMEM, host.Write(Block(id, "state"), "online").Error);
        Assert.Equal(
            [MemoryAction.MEM_PREPARE_ONLINE, MemoryAction.MEM_GOING_ONLINE, MemoryAction.MEM_CANCEL_ONLINE, MemoryAction.MEM_FINISH_OFFLINE],
            Notified(host, before));
    }

    [Fact]
    public void On_6_8_the_same_online_has_no_prepare_step()
    {
        var host = Boot(MiB(128), MemmapOnMemoryMode.On);
        var id = host.BlocksOf(1)[0];
        var before = host.Journal.Count;
        Assert.True(host.Write(Block(id, "state"), "online_movable").Ok);
        Assert.Equal([MemoryAction.MEM_GOING_ONLINE, MemoryAction.MEM_ONLINE], Notified(host, before));
    }

    [Fact]
    public void One_GiB_hot_added_with_memmap_on_memory_onlines_as_eight_blocks_of_126_MiB_on_6_12()
    {
        // Measured on 6.12.118 with a 1 GiB DIMM (issue 19): MemTotal +1032192 kB once the 8 blocks are online; kmem adds the same way.
        var host = Boot(MiB(128), MemmapOnMemoryMode.On, cxlGiB: 1, version: KernelVersion.V6_12);
        var before = host.NodeKb(1, "MemTotal");
        foreach (var id in host.BlocksOf(1))
        {
            Assert.True(host.Write(Block(id, "state"), "online_movable").Ok);
        }

        Assert.Equal(1032192UL, host.NodeKb(1, "MemTotal") - before);
        Assert.Equal("1\n", host.Read("/sys/bus/dax/devices/dax0.0/memmap_on_memory").Content);
    }
}
