using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Workload;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.TestKit;
using static HotplugCluster.Simulation.Tests.SimHosts;

namespace HotplugCluster.Simulation.Tests.Hosts;

/// <summary>Random sequences of writes and workload operations, run one at a time on both executors: same results, events and sysfs.</summary>
public sealed class ModelBasedDifferentialTests
{
    private static readonly string[] States = ["online", "online_movable", "online_kernel", "offline", "bogus"];

    [Theory]
    [InlineData(MemmapOnMemoryMode.Off)]
    [InlineData(MemmapOnMemoryMode.On)]
    public void Random_sequences_give_the_same_events_and_sysfs_on_the_actors_as_on_KernelHost(MemmapOnMemoryMode mode)
    {
        RandomizedTest.ForSeeds(12, 40, seed =>
        {
            var settings = Config(MiB(256), mode, cxlGiB: 2);
            var kernel = new KernelConsole(KernelHost.Boot(settings));
            using var actors = Boot(settings);
            var random = new Random((int)seed);
            for (var i = 0; i < 40; i++)
            {
                var action = Pick(random, kernel.State);
                Assert.Equal(action(kernel), action(actors));
            }

            Assert.Equal(EventText.Of(kernel.Host.Journal), EventText.Of(actors.Journal));
            Assert.Equal(SysfsTree.Snapshot(kernel.State), SysfsTree.Snapshot(actors.State));
            Assert.Equal(actors.State.Blocks.Registered().Select(b => b.Id.Value), actors.BlockActorIds());
            Assert.Empty(actors.HeldLocks);
        });
    }

    /// <summary>One action, chosen from the state both hosts share before it (they are equal, so the choice is too).</summary>
    private static Func<IHostConsole, string> Pick(Random random, HostState state)
    {
        var cxlBlocks = state.Blocks.Registered().Where(b => b.Nid.Value == 1).Select(b => b.Id.Value).ToArray();
        var pages = new PageCount((ulong)random.Next(1, 3000));
        var kind = random.Next(3) switch { 0 => PageKind.Movable, 1 => PageKind.Unmovable, _ => PageKind.Pinned };
        var node = new NodeId(random.Next(2));
        switch (random.Next(10))
        {
            case < 5 when cxlBlocks.Length > 0:
                var block = cxlBlocks[random.Next(cxlBlocks.Length)];
                var file = random.Next(4) == 0 ? "online" : "state";
                var value = file == "online" ? random.Next(2).ToString(System.Globalization.CultureInfo.InvariantCulture) : States[random.Next(States.Length)];
                return h => h.Write(Block(block, file), value).Show();
            case 5:
                return h => h.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0").Show();
            case 6:
                return h => h.Write("/sys/bus/dax/drivers/kmem/bind", "dax0.0").Show();
            case 7:
                return h => h.Run(new WorkloadAllocate(node, kind, pages)).Error?.Name ?? "ok";
            case 8:
                return h => h.Run(new WorkloadFree(node, kind, pages)).Error?.Name ?? "ok";
            default:
                var policy = random.Next(2) == 0 ? "online_movable" : "offline";
                return h => h.Write("/sys/devices/system/memory/auto_online_blocks", policy).Show();
        }
    }
}
