using HotplugCluster.Actors;
using HotplugCluster.Actors.Dispatch;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Simulation.Hosts;
using static HotplugCluster.Simulation.Tests.Hosts.ActorTreeTests;
using static HotplugCluster.Simulation.Tests.SimHosts;

namespace HotplugCluster.Simulation.Tests.Hosts;

/// <summary>
/// <see cref="HostProtocol.Fleet"/> leaves out deliveries, never kernel behaviour: run both ways, a host gives the same events
/// with the same sequence numbers, problems, per-operation step logs and kernel steps, and the fleet host makes fewer deliveries.
/// </summary>
public sealed class HostProtocolTests
{
    [Theory]
    [InlineData(KernelBugs.None)]
    [InlineData(KernelBugs.OnlinePagesWithoutMemHotplugLock)]
    [InlineData(KernelBugs.MissingMemHotplugLock)]
    public void Fleet_protocol_gives_the_same_events_problems_step_logs_and_kernel_steps_in_fewer_deliveries(KernelBugs bugs)
    {
        var (a, b, saved) = RunBothWays(bugs, host =>
        {
            OnlineCxlThenOfflineTwo(host);
            host.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0");
        });

        Assert.True(saved > 0);
        Assert.Empty(b.LockRequests);
        Assert.True(a.Operations.Count > 3);
    }

    [Fact]
    public void Fleet_protocol_reclaims_the_same_way_and_stops_removed_blocks_actors()
    {
        // What a fleet's reclaim does: online node 1's CXL blocks, offline them all, unbind kmem (which removes them), bind it again.
        var (a, b, saved) = RunBothWays(KernelBugs.None, host =>
        {
            var cxl = host.BlocksOf(1);
            Assert.All(cxl, id => Assert.True(host.Write(Block(id, "state"), "online_movable").Ok));
            Assert.All(cxl, id => Assert.True(host.Write(Block(id, "state"), "offline").Ok));
            Assert.True(host.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0").Ok);
            Assert.True(host.Write("/sys/bus/dax/drivers/kmem/bind", "dax0.0").Ok);
        });

        Assert.True(a.Journal.OfType<MemoryBlockRemoved>().Any());
        Assert.True(saved > 0);
        Assert.Equal(a.BlockActorIds(), b.BlockActorIds());
    }

    [Fact]
    public void Fleet_protocol_queues_racing_writes_behind_the_holder_and_hands_the_lock_on_in_request_order()
    {
        var (contended, threads) = (false, 0);
        var (a, b, _) = RunBothWays(KernelBugs.None, host =>
        {
            var cxl = host.BlocksOf(1);
            Assert.True(cxl.Length > 2);
            var racing = cxl.Select(id => host.SubmitWrite(Block(id, "state"), "online_movable")).ToList();
            if (host.Protocol == HostProtocol.Fleet)
            {
                // device_hotplug_lock is taken past its owner by the first write only; the others queue at the owner.
                contended = host.RunUntil(() => host.LockRequests.Any(r => r.Count == cxl.Length - 1));
            }

            host.RunUntilQuiescent();
            Assert.All(racing, w => Assert.True(w.Outcome().Ok));
            Assert.True(host.Write(Block(cxl[0], "state"), "offline").Ok);
            Assert.Equal("EINVAL", host.Write(Block(cxl[0], "state"), "bogus").Show());
            if (host.Protocol == HostProtocol.Fleet)
            {
                threads = host.ChildrenOf("").Count(c => c.StartsWith("op", StringComparison.Ordinal));
            }
        });

        Assert.True(contended);
        Assert.Empty(b.LockRequests);
        Assert.Null(b.StuckReport());
        Assert.Empty(b.Problems);

        // Racing writes need a thread each; after them every operation finds an idle one (none is made or stopped).
        Assert.Equal(a.BlocksOf(1).Length, threads);
        Assert.Equal(a.Operations.Select(o => (o.OpId, o.Name, o.Finished)), b.Operations.Select(o => (o.OpId, o.Name, o.Finished)));
    }

    [Fact]
    public void Fleet_protocol_is_refused_where_the_schedule_is_not_FIFO()
    {
        var settings = Config(MiB(256));
        var random = Assert.Throws<ArgumentException>(() =>
            SimulatedHost.Boot(settings, new SimulatedHostOptions { Strategy = SchedulingStrategyKind.Random, Protocol = HostProtocol.Fleet }));
        Assert.Contains("the fleet protocol needs FIFO scheduling", random.Message, StringComparison.Ordinal);

        using var system = ActorSystem.Create("random", new ActorSystemSettings { Strategy = SchedulingStrategyKind.Random, Seed = 1 });
        Assert.Throws<ArgumentException>(() => SimulatedHost.Boot(settings, new SimulatedHostOptions { System = system, Protocol = HostProtocol.Fleet }));

        using var fleet = ActorSystem.Create("fleet", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
        var island = fleet.CreateIsland("host-0", new IslandSettings { Strategy = SchedulingStrategyKind.Random });
        Assert.Throws<ArgumentException>(() => SimulatedHost.Boot(settings, new SimulatedHostOptions { Island = island, Protocol = HostProtocol.Fleet }));
        using var fifo = SimulatedHost.Boot(settings, new SimulatedHostOptions { Protocol = HostProtocol.Fleet });
        Assert.True(fifo.Write(Block(fifo.BlocksOf(1)[0], "state"), "online").Ok);
    }

    [Fact]
    public void Kernel_steps_count_one_per_step_log_entry_recorded_or_not()
    {
        using var logged = Boot(Config(MiB(256), MemmapOnMemoryMode.On));
        using var unlogged = SimulatedHost.Boot(Config(MiB(256), MemmapOnMemoryMode.On), new SimulatedHostOptions { RecordSteps = false });
        foreach (var host in new[] { logged, unlogged })
        {
            OnlineCxlThenOfflineTwo(host);
        }

        Assert.True(logged.KernelSteps > 0);
        Assert.Equal(logged.Operations.Sum(o => (long)logged.StepsOf(o.OpId).Count), logged.KernelSteps);
        Assert.Equal(logged.KernelSteps, unlogged.KernelSteps);
        Assert.All(unlogged.Operations, o => Assert.Empty(unlogged.StepsOf(o.OpId)));
    }

    /// <summary>
    /// Boots a host with each protocol (each on a FIFO system of its own), runs <paramref name="script"/> on both, and checks
    /// that they give the same events and sequence numbers, problems, step logs and kernel steps, leave no lock held and have a
    /// block actor for exactly each present block. Returns both hosts and the deliveries the fleet host saved after boot.
    /// </summary>
    private static (SimulatedHost Exploration, SimulatedHost Fleet, long Saved) RunBothWays(KernelBugs bugs, Action<SimulatedHost> script)
    {
        var settings = Config(MiB(256), MemmapOnMemoryMode.On, bugs: bugs);
        using var systemA = ActorSystem.Create("exploration");
        using var systemB = ActorSystem.Create("fleet");
        var a = SimulatedHost.Boot(settings, new SimulatedHostOptions { System = systemA });
        var b = SimulatedHost.Boot(settings, new SimulatedHostOptions { System = systemB, Protocol = HostProtocol.Fleet });
        var (stepsA, stepsB) = (systemA.StepCount, systemB.StepCount);
        foreach (var host in new[] { a, b })
        {
            script(host);
            host.RunUntilQuiescent();
            Assert.Empty(host.HeldLocks);
        }

        Assert.Equal(EventText.Of(a.Journal), EventText.Of(b.Journal));
        Assert.Equal(a.EventLog.Entries.Select(e => (e.PersistenceId, e.SequenceNr)), b.EventLog.Entries.Select(e => (e.PersistenceId, e.SequenceNr)));
        Assert.Equal(a.Problems, b.Problems);
        Assert.Equal(a.Operations.Select(o => a.StepsOf(o.OpId)), b.Operations.Select(o => b.StepsOf(o.OpId)));
        Assert.Equal(a.KernelSteps, b.KernelSteps);
        AssertBlockActorsMatchDevices(a);
        AssertBlockActorsMatchDevices(b);
        return (a, b, systemA.StepCount - stepsA - (systemB.StepCount - stepsB));
    }
}
