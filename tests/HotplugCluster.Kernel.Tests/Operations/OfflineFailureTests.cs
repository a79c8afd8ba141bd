using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Workload;
using HotplugCluster.Kernel.Zones;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Operations;

/// <summary>Why offlining fails or succeeds (mm/memory_hotplug.c offline_pages(), the memory notifier).</summary>
public sealed class OfflineFailureTests
{
    private static readonly NodeId Node1 = new(1);

    [Fact]
    public void Offline_fails_with_EBUSY_and_stays_online_when_the_block_has_unmovable_pages()
    {
        var host = Boot(MiB(256));
        var id = host.BlocksOf(1)[0];
        Assert.True(host.Write(Block(id, "state"), "online_kernel").Ok);
        Assert.Null(host.Run(new WorkloadAllocate(Node1, PageKind.Unmovable, new PageCount(10))).Error);
        Assert.Equal(Errno.EBUSY, host.Write(Block(id, "state"), "offline").Error);
        Assert.Equal("online\n", host.Read(Block(id, "state")).Content);
    }

    [Fact]
    public void Offline_retries_pinned_pages_until_a_signal_gives_EINTR()
    {
        // offline_pages(): no timeout since v4.15; the loop ends only on a signal ("signal backoff").
        var host = Boot(MiB(256));
        host.SignalAfterAttempts = 7;
        var id = host.BlocksOf(1)[0];
        Assert.True(host.Write(Block(id, "state"), "online_movable").Ok);
        Assert.Null(host.Run(new WorkloadAllocate(Node1, PageKind.Pinned, new PageCount(1))).Error);
        var before = host.Journal.Count;
        Assert.Equal(Errno.EINTR, host.Write(Block(id, "state"), "offline").Error);
        Assert.Equal("online\n", host.Read(Block(id, "state")).Content);
        var notified = host.Journal.Skip(before).OfType<MemoryNotified>().Select(n => n.Action).ToArray();
        Assert.Equal([MemoryAction.MEM_GOING_OFFLINE, MemoryAction.MEM_CANCEL_OFFLINE], notified);
    }

    [Fact]
    public void Offline_migrates_movable_pages_to_another_node_and_succeeds()
    {
        var host = Boot(MiB(256));
        var id = host.BlocksOf(1)[0];
        Assert.True(host.Write(Block(id, "state"), "online_movable").Ok);
        Assert.Null(host.Run(new WorkloadAllocate(Node1, PageKind.Movable, new PageCount(1000))).Error);
        var node0Free = host.NodeKb(0, "MemFree");
        Assert.True(host.Write(Block(id, "state"), "offline").Ok);
        Assert.Equal(node0Free - 4000, host.NodeKb(0, "MemFree"));
        Assert.Equal(0UL, host.NodeKb(1, "MemTotal"));
    }

    [Fact]
    public void Offline_fails_with_EBUSY_when_the_block_hosts_the_memmap_of_later_hotplugged_memory()
    {
        // vmemmap_alloc_block(): GFP_KERNEL memmap allocations may land in hot-added memory onlined to a kernel zone.
        var host = Boot(MiB(256));
        var ids = host.BlocksOf(1);
        foreach (var id in ids)
        {
            Assert.True(host.Write(Block(id, "state"), "online").Ok);
        }

        var add = host.Run(new AddMemory(new AddMemoryRequest(AddMemoryVariant.AddMemory, 1, new PhysAddr(72UL << 30), GiB(1))));
        Assert.Null(add.Error);
        var hosted = host.State.Blocks[new BlockId((72 * 4) + 0)];
        Assert.Equal(new NodeId(1), hosted.MemmapNode);
        Assert.Equal(ZoneType.Normal, hosted.MemmapZone);
        Assert.Equal(Errno.EBUSY, host.Write(Block(hosted.MemmapHost.Value, "state"), "offline").Error);
    }

    [Fact]
    public void Notifier_error_injection_vetoes_online_and_offline_like_the_selftest()
    {
        // mem-on-off-test.sh phase 2: MEM_GOING_ONLINE/error = -12 → the write fails with ENOMEM and the block stays
        // offline.
        var host = Boot(MiB(256));
        var id = host.BlocksOf(1)[0];
        const string Inject = "/sys/kernel/debug/notifier-error-inject/memory/actions";
        Assert.True(host.Write($"{Inject}/MEM_GOING_ONLINE/error", "-12\n").Ok);
        Assert.Equal(Errno.ENOMEM, host.Write(Block(id, "state"), "online").Error);
        Assert.Equal("offline\n", host.Read(Block(id, "state")).Content);
        Assert.True(host.Write($"{Inject}/MEM_GOING_ONLINE/error", "0").Ok);
        Assert.True(host.Write(Block(id, "state"), "online").Ok);

        Assert.True(host.Write($"{Inject}/MEM_GOING_OFFLINE/error", "-12").Ok);
        Assert.Equal(Errno.ENOMEM, host.Write(Block(id, "state"), "offline").Error);
        Assert.Equal("online\n", host.Read(Block(id, "state")).Content);
        Assert.Equal("-12\n", host.Read($"{Inject}/MEM_GOING_OFFLINE/error").Content);
        Assert.Equal(Errno.EINVAL, host.Write($"{Inject}/MEM_GOING_OFFLINE/error", "5").Error);
    }

    [Fact]
    public void Notifications_exclude_the_vmemmap_pages_when_memmap_on_memory_is_used()
    {
        // memory_block_online(): online_pages(), and so the notifier, is called on the tail after the altmap.
        var host = Boot(MiB(256), Kernel.Settings.MemmapOnMemoryMode.On);
        var id = host.BlocksOf(1)[0];
        var before = host.Journal.Count;
        Assert.True(host.Write(Block(id, "state"), "online").Ok);
        var going = host.Journal.Skip(before).OfType<MemoryNotified>().First();
        Assert.Equal(MemoryAction.MEM_GOING_ONLINE, going.Action);
        Assert.Equal((id * 65536UL) + 1024, going.StartPfn.Value);
        Assert.Equal(64512UL, going.NrPages.Value);
    }
}
