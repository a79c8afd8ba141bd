using HotplugCluster.Kernel;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Simulation.Hosts;
using static HotplugCluster.Simulation.Tests.SimHosts;

namespace HotplugCluster.Simulation.Tests.Hosts;

/// <summary>
/// The acceptance figures, through the host's actors (docs/kernel-model.md, "Accounting rules").
/// </summary>
public sealed class AcceptanceTests
{
    [Fact]
    public void Online_adds_258048_kB_per_256MiB_block_to_the_CXL_node_when_memmap_on_memory_is_on()
    {
        // memory_block_online(): present +65536, managed +64512 pages per block; nothing charged to node 0.
        using var host = Boot(Config(MiB(256), MemmapOnMemoryMode.On));
        var node0Free = host.NodeKb(0, "MemFree");
        var blocks = host.BlocksOf(1);
        Assert.Equal(16, blocks.Length);
        ulong total = 0;
        foreach (var id in blocks)
        {
            var present = host.State.Nodes[1].Present.Value;
            Assert.True(host.Write(Block(id, "state"), "online_movable\n").Ok);
            Assert.Equal(total + 258048, host.NodeKb(1, "MemTotal"));
            Assert.Equal(present + 65536, host.State.Nodes[1].Present.Value);
            total += 258048;
        }

        Assert.Equal(node0Free, host.NodeKb(0, "MemFree"));
    }

    [Fact]
    public void Add_charges_node0_4MiB_per_block_and_remove_returns_it_when_memmap_on_memory_is_off()
    {
        // vmemmap_populate(): the memmap comes from node 0's ZONE_NORMAL at add time and goes back at remove.
        using var bare = Boot(Config(MiB(256), cxlGiB: 0));
        using var host = Boot(Config(MiB(256)));
        // Beside the memmap, the kernel's own slab and page tables of the add (HotplugCosts); after the remove, the emptied
        // slabs SLUB keeps until an offline.
        Assert.Equal(bare.NodeKb(0, "MemFree") - (16 * 4096), host.NodeKb(0, "MemFree") + KernelKb(host));

        var id = host.BlocksOf(1)[0];
        Assert.True(host.Write(Block(id, "state"), "online_movable").Ok);
        Assert.Equal(262144UL, host.NodeKb(1, "MemTotal"));
        Assert.True(host.Write(Block(id, "state"), "offline").Ok);
        Assert.True(host.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0").Ok);
        Assert.Equal(bare.NodeKb(0, "MemFree"), host.NodeKb(0, "MemFree") + KernelKb(host));
        Assert.Equal(host.MeminfoKb("Slab"), KernelKb(host));
    }

    private static ulong KernelKb(SimulatedHost host) =>
        host.State.Blocks.Registered().Where(b => b.Nid.Value == 0).Aggregate(0UL, (sum, b) => sum + b.KernelPages) * 4;

    [Theory]
    // Sourav Panda's measurement (docs/kernel-model.md, "Memmap figures"), 1 GiB hot-added in 128 MiB blocks: +1008 MiB
    // with memmap_on_memory, +1024 MiB without.
    [InlineData(MemmapOnMemoryMode.On, 1032192)]
    [InlineData(MemmapOnMemoryMode.Off, 1048576)]
    public void Hot_adding_1GiB_of_128MiB_blocks_raises_MemTotal_by_the_measured_amount(MemmapOnMemoryMode mode, ulong deltaKb)
    {
        using var host = Boot(Config(memmap: mode, cxlGiB: 1));
        Assert.Equal(MiB(128), host.State.BlockSize);
        var before = host.MeminfoKb("MemTotal");
        foreach (var id in host.BlocksOf(1))
        {
            Assert.True(host.Write(Block(id, "state"), "online_movable").Ok);
        }

        Assert.Equal(before + deltaKb, host.MeminfoKb("MemTotal"));
    }

    [Fact]
    public void Removing_a_range_with_an_online_block_is_EBUSY()
    {
        // try_remove_memory(): check_memblock_offlined_cb() refuses an online block.
        using var host = Boot(Config(MiB(256)));
        var id = host.BlocksOf(1)[0];
        Assert.True(host.Write(Block(id, "state"), "online_movable").Ok);
        var start = host.State.Blocks.StartOf(new BlockId(id));
        Assert.Equal(Errno.EBUSY, host.Run(new RemoveMemory(start, GiB(4))).Error);
        Assert.Equal(16, host.BlocksOf(1).Length);
    }

    [Fact]
    public void Kmem_unbind_with_online_blocks_succeeds_leaks_the_range_and_a_later_bind_fails()
    {
        // dev_dax_kmem_remove(): the online range cannot be removed until reboot; the resource stays busy.
        using var host = Boot(Config(MiB(256)));
        var ids = host.BlocksOf(1);
        Assert.True(host.Write(Block(ids[0], "state"), "online_movable").Ok);
        Assert.True(host.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0").Ok);
        Assert.True(host.State.Dmesg.Contains("cannot be hotremoved until the next reboot"));
        Assert.False(host.Write("/sys/bus/dax/drivers/kmem/bind", "dax0.0").Ok);
        Assert.Equal("online\n", host.Read(Block(ids[0], "state")).Content);
    }

    [Fact]
    public void Offline_of_a_block_with_unmovable_pages_is_EBUSY_and_with_pinned_pages_EINTR_after_the_signal()
    {
        // offline_pages() as the code has it: isolation fails on unmovable pages; pinned pages make migration retry
        // until a signal.
        using var host = Boot(Config(MiB(256)));
        var ids = host.BlocksOf(1);
        Assert.True(host.Write(Block(ids[0], "state"), "online_kernel").Ok);
        Assert.Null(host.Run(new WorkloadAllocate(new NodeId(1), Kernel.Workload.PageKind.Unmovable, new PageCount(10))).Error);
        Assert.Equal(Errno.EBUSY, host.Write(Block(ids[0], "state"), "offline").Error);

        Assert.True(host.Write(Block(ids[1], "state"), "online_movable").Ok);
        Assert.Null(host.Run(new WorkloadAllocate(new NodeId(1), Kernel.Workload.PageKind.Pinned, new PageCount(8), Kernel.Zones.ZoneType.Movable)).Error);
        host.SignalAfterAttempts = 7;
        Assert.Equal(Errno.EINTR, host.Write(Block(ids[1], "state"), "offline").Error);
        var op = host.Operations[^1];
        Assert.Contains(host.StepsOf(op.OpId), s => s.EndsWith("(attempt 7)", StringComparison.Ordinal));
    }
}
