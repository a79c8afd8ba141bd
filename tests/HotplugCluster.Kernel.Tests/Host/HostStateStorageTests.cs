using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.MemoryBlocks;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Host;

/// <summary><see cref="HostStateStorage"/>: a finished copy's block slots are reused by the next copy of the same state.</summary>
public sealed class HostStateStorageTests
{
    [Fact]
    public void Copy_into_recycled_storage_equals_a_fresh_copy_and_shares_nothing_with_the_original()
    {
        var host = Boot(MiB(256));
        Assert.True(host.Write(Block(host.BlocksOf(1)[0], "state"), "online_movable").Ok);
        var storage = new HostStateStorage();
        var finished = new HostState(host.State);
        var id = finished.Blocks.Registered().Last().Id;
        finished.Blocks.Set(finished.Blocks[id] with { PinnedPages = 7 });
        storage.Recycle(finished);

        var copy = new HostState(host.State, storage);
        var fresh = new HostState(host.State);

        Assert.Equal(fresh.Blocks.Registered(), copy.Blocks.Registered());
        Assert.Equal(host.State.Blocks.SlotCount, copy.Blocks.SlotCount);
        copy.Blocks.Set(copy.Blocks[id] with { PinnedPages = 9 });
        Assert.Equal(host.State.Blocks[id], fresh.Blocks[id]);
        Assert.Equal(0u, host.State.Blocks[id].PinnedPages);
    }

    [Fact]
    public void Recycle_leaves_the_finished_state_without_blocks_so_a_late_read_sees_no_other_host()
    {
        var host = Boot(MiB(256));
        var storage = new HostStateStorage();
        var finished = new HostState(host.State);
        storage.Recycle(finished);

        Assert.Empty(finished.Blocks.Registered());
        Assert.Equal(default(MemoryBlock), finished.Blocks[host.State.Blocks.Registered().First().Id]);

        // The slots go to one copy only: the next copy gets its own.
        var first = new HostState(host.State, storage);
        var second = new HostState(host.State, storage);
        first.Blocks.Set(first.Blocks[host.State.Blocks.Registered().First().Id] with { PinnedPages = 3 });
        Assert.Equal(0u, second.Blocks[host.State.Blocks.Registered().First().Id].PinnedPages);
    }
}
