using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Workload;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Host;

/// <summary>
/// Operations interleaved step by step under the model's locks, over many seeds
/// (Documentation/core-api/memory-hotplug.rst "Locking Internals").
/// </summary>
public sealed class InterleavingTests
{
    private const int Seeds = 40;

    [Fact]
    public void Two_concurrent_online_writes_to_one_block_serialize_one_succeeds_one_gets_EINVAL()
    {
        for (var seed = 0; seed < Seeds; seed++)
        {
            var host = Boot(MiB(256));
            var id = new BlockId(host.BlocksOf(1)[0]);
            var a = new StateStore(id, "online_movable", null);
            var b = new StateStore(id, "online_kernel", null);
            var random = new Random(seed);
            host.RunInterleaved([a, b], random.Next);
            Assert.True((a.Error is null) ^ (b.Error is null), $"seed {seed}");
            Assert.Equal(Errno.EINVAL, a.Error ?? b.Error);
            var zone = a.Error is null ? "Movable\n" : "Normal\n";
            Assert.Equal(zone, host.Read(Block(id.Value, "valid_zones")).Content);
        }
    }

    [Fact]
    public void Kmem_unbind_racing_an_online_either_removes_everything_or_leaks_with_the_block_online()
    {
        var outcomes = new HashSet<string>();
        for (var seed = 0; seed < Seeds; seed++)
        {
            var host = Boot(MiB(256));
            var id = new BlockId(host.BlocksOf(1)[0]);
            var online = new OnlineStore(id, "1", null);
            var unbind = new DaxDriverRelease("dax0.0", Kernel.Dax.DaxDriver.Kmem);
            host.RunInterleaved([online, unbind], new Random(seed).Next);
            Assert.Null(unbind.Error);
            if (online.Error is null)
            {
                Assert.True(host.State.Dmesg.Contains("cannot be hotremoved until the next reboot"), $"seed {seed}");
                Assert.Equal("online\n", host.Read(Block(id.Value, "state")).Content);
                outcomes.Add("leaked");
            }
            else
            {
                Assert.Equal(Errno.ENODEV, online.Error);
                Assert.Empty(host.BlocksOf(1));
                outcomes.Add("removed");
            }
        }

        Assert.Equal(2, outcomes.Count);
    }

    [Fact]
    public void Offline_of_a_pinned_block_succeeds_when_the_pin_is_dropped_during_its_retries()
    {
        var outcomes = new HashSet<string>();
        for (var seed = 0; seed < Seeds; seed++)
        {
            var host = Boot(MiB(256));
            var id = new BlockId(host.BlocksOf(1)[0]);
            Assert.True(host.Write(Block(id.Value, "state"), "online_movable").Ok);
            Assert.Null(host.Run(new WorkloadAllocate(new NodeId(1), PageKind.Pinned, new PageCount(8))).Error);
            var offline = new StateStore(id, "offline", 20);
            var unpin = new WorkloadFree(new NodeId(1), PageKind.Pinned, new PageCount(8));
            var random = new Random(seed);
            host.RunInterleaved([offline, unpin], n => random.Next(n));
            outcomes.Add(offline.Error?.Name ?? "ok");
            var expected = offline.Error is null ? "offline\n" : "online\n";
            Assert.Equal(expected, host.Read(Block(id.Value, "state")).Content);
        }

        Assert.Contains("ok", outcomes);
    }

    [Fact]
    public void Acpi_add_racing_a_state_write_never_exposes_a_half_added_device()
    {
        for (var seed = 0; seed < Seeds; seed++)
        {
            var host = Boot(MiB(256), cxlGiB: 0);
            var add = new AcpiMemoryDeviceAdd("dimm0", new NodeId(0), new PhysAddr(32UL << 30), GiB(1));
            var write = new StateStore(new BlockId(130), "online_movable", null);
            host.RunInterleaved([add, write], new Random(seed).Next);
            Assert.Null(add.Error);
            Assert.True(write.Error is null || write.Error == Errno.ENODEV, $"seed {seed}: {write.Error}");
            Assert.Equal(4, host.BlocksOf(0).Count(b => b >= 128));
        }
    }

    [Theory]
    // drivers/base/memory.c memory_block_offline(): "Unaccount before offlining" the vmemmap pages, and
    // account them back when offline_pages() fails (drivers/base/memory.c memory_block_offline()).
    [InlineData(Kernel.Settings.KernelVersion.V6_8)]
    [InlineData(Kernel.Settings.KernelVersion.V6_1)]
    public void Vmemmap_pages_are_unaccounted_while_an_offline_retries(Kernel.Settings.KernelVersion version)
    {
        var host = Boot(MiB(256), Kernel.Settings.MemmapOnMemoryMode.On, cxlGiB: 0, version: version);

        // A single-block DIMM on node 1: v6.1 supports memmap_on_memory only for exactly one block.
        Assert.Null(host.Run(new AcpiMemoryDeviceAdd("dimm0", new NodeId(1), new PhysAddr(64UL << 30), MiB(256))).Error);
        var id = new BlockId(host.BlocksOf(1)[0]);
        Assert.True(host.State.Blocks[id].HasAltmap);

        Assert.True(host.Write(Block(id.Value, "state"), "online_movable").Ok);
        Assert.Null(host.Run(new WorkloadAllocate(new NodeId(1), PageKind.Pinned, new PageCount(1))).Error);
        var movable = host.State.Nodes[1][Kernel.Zones.ZoneType.Movable];
        var before = movable.Present;
        var offline = new StateStore(id, "offline", 5);
        var probe = new PresentProbe(s => s.Nodes[1][Kernel.Zones.ZoneType.Movable].Present);
        var calls = 0;
        host.RunInterleaved([offline, probe], n => calls++ == 12 ? n - 1 : 0);
        Assert.Equal(Errno.EINTR, offline.Error);
        Assert.Equal(before, movable.Present);
        var vmemmap = host.State.Blocks[id].VmemmapPages;
        Assert.Equal(before - vmemmap, probe.Seen);
    }

    private sealed class PresentProbe(Func<Kernel.Host.HostState, PageCount> read) : KernelOperation
    {
        public PageCount Seen { get; private set; }

        public override string Name => "cat /proc/zoneinfo";

        public override IEnumerable<KernelStep> Steps()
        {
            yield return Work("read", StateOwner.Node, KernelLock.None, s =>
            {
                Seen = read(s);
                return StepResult.Ok();
            });
        }
    }
}
