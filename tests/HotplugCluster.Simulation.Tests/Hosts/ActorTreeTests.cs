using HotplugCluster.Actors;
using HotplugCluster.Actors.Dispatch;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.TestKit;
using static HotplugCluster.Simulation.Tests.SimHosts;

namespace HotplugCluster.Simulation.Tests.Hosts;

/// <summary>The shape of a host's actor tree, and that block and dax device actors follow their devices.</summary>
public sealed class ActorTreeTests
{
    /// <summary>Onlines node 1's CXL blocks movable, then offlines the first through its state file and the second through its online file.</summary>
    private static void OnlineCxlThenOfflineTwo(SimulatedHost host)
    {
        var cxl = host.BlocksOf(1);
        Assert.All(cxl, id => Assert.True(host.Write(Block(id, "state"), "online_movable").Ok));
        Assert.True(host.Write(Block(cxl[0], "state"), "offline").Ok);
        Assert.True(host.Write(Block(cxl[1], "online"), "0").Ok);
    }

    private static void AssertBlockActorsMatchDevices(SimulatedHost host)
    {
        var present = host.State.Blocks.Registered().Select(b => b.Id.Value).ToList();
        Assert.Equal(present, host.BlockActorIds());
        var children = host.ChildrenOf("mhp");
        Assert.Equal(present.Select(id => $"memory{id}").Order(StringComparer.Ordinal), children.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_booted_host_has_locks_core_nodes_dax_bus_and_CXL_devices()
    {
        using var host = Boot(Config(MiB(256)));
        Assert.Equal(
            ["device_hotplug_lock", "mem_hotplug_lock", "dax_region_rwsem", "dax_dev_rwsem", "mhp", "node0", "node1", "dax", "mem0"],
            host.ChildrenOf(""));
        Assert.Equal(["kmem", "dax0.0"], host.ChildrenOf("dax"));
        Assert.Equal(["dax0.0"], host.DaxDeviceActorNames());
        Assert.Equal("/user/host-0", host.Actor.Path.ToString());
    }

    [Fact]
    public void Block_actors_exist_exactly_while_their_blocks_are_present()
    {
        using var host = Boot(Config(MiB(256)));
        AssertBlockActorsMatchDevices(host);
        Assert.Equal(64 + 16, host.BlockActorIds().Count);

        Assert.True(host.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0").Ok);
        Assert.Empty(host.BlocksOf(1));
        AssertBlockActorsMatchDevices(host);

        Assert.True(host.Write("/sys/bus/dax/drivers/kmem/bind", "dax0.0").Ok);
        Assert.Equal(16, host.BlocksOf(1).Length);
        AssertBlockActorsMatchDevices(host);

        Assert.Null(host.Run(new AcpiMemoryDeviceAdd("dimm0", new NodeId(0), new PhysAddr(32UL << 30), GiB(1))).Error);
        AssertBlockActorsMatchDevices(host);
        Assert.Null(host.Run(new AcpiMemoryDeviceEject("dimm0")).Error);
        AssertBlockActorsMatchDevices(host);
    }

    [Fact]
    public void Block_actors_follow_devices_under_racing_unbinds_binds_and_onlines()
    {
        RandomizedTest.ForSeeds(40, 500, seed =>
        {
            using var host = Boot(Config(MiB(256)), SchedulingStrategyKind.Random, seed);
            var ids = host.BlocksOf(1);
            host.SubmitWrite("/sys/bus/dax/drivers/kmem/unbind", "dax0.0");
            host.SubmitWrite(Block(ids[3], "state"), "online_movable");
            host.SubmitWrite("/sys/bus/dax/drivers/kmem/bind", "dax0.0");
            host.RunUntilQuiescent();
            Assert.Null(host.StuckReport());
            AssertBlockActorsMatchDevices(host);
        });
    }

    [Fact]
    public void Dax_device_actors_follow_create_and_delete_of_dynamic_devices()
    {
        using var host = Boot(Config(MiB(256)));
        const string region = "/sys/bus/cxl/devices/dax_region0/dax_region";
        Assert.True(host.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0").Ok);
        Assert.True(host.Write("/sys/bus/dax/devices/dax0.0/size", "0").Ok);
        Assert.True(host.Write(region + "/create", "1").Ok);
        var seed = host.Read(region + "/seed").Content!.Trim();
        Assert.Contains(seed, host.DaxDeviceActorNames());
        Assert.True(host.Write(region + "/delete", seed).Ok);
        Assert.DoesNotContain(seed, host.DaxDeviceActorNames());
        Assert.Equal(host.State.Dax.Devices.Select(d => d.Name), host.DaxDeviceActorNames());
    }

    [Fact]
    public void Several_hosts_share_one_system_each_with_its_own_streams()
    {
        using var system = ActorSystem.Create("fleet", new ActorSystemSettings { Strategy = SchedulingStrategyKind.Random, Seed = 3 });
        var settings = Config(MiB(256));
        var a = SimulatedHost.Boot(settings, new SimulatedHostOptions { System = system, Name = "host-a" });
        var b = SimulatedHost.Boot(settings, new SimulatedHostOptions { System = system, Name = "host-b" });
        var id = a.BlocksOf(1)[0];
        var wa = a.SubmitWrite(Block(id, "state"), "online_movable");
        var wb = b.SubmitWrite(Block(id, "state"), "online_kernel");
        system.RunUntilQuiescent();
        Assert.True(wa.Outcome().Ok);
        Assert.True(wb.Outcome().Ok);
        Assert.Equal("Movable\n", a.Read(Block(id, "valid_zones")).Content);
        Assert.Equal("Normal\n", b.Read(Block(id, "valid_zones")).Content);
        Assert.All(a.EventLog.Entries, e => Assert.StartsWith("host-a", e.PersistenceId, StringComparison.Ordinal));
        Assert.All(b.EventLog.Entries, e => Assert.StartsWith("host-b", e.PersistenceId, StringComparison.Ordinal));
        Assert.Equal("/user/host-b", b.Actor.Path.ToString());
    }

    [Fact]
    public void Block_actors_created_on_their_first_message_give_the_same_events_and_save_one_step_each()
    {
        var settings = Config(MiB(256), MemmapOnMemoryMode.On);
        using var eager = ActorSystem.Create("eager");
        using var deferred = ActorSystem.Create("deferred");
        var a = SimulatedHost.Boot(settings, new SimulatedHostOptions { System = eager });
        var b = SimulatedHost.Boot(settings, new SimulatedHostOptions { System = deferred, CreateBlockActorsOnFirstMessage = true });
        foreach (var host in new[] { a, b })
        {
            OnlineCxlThenOfflineTwo(host);
            host.RunUntilQuiescent();
        }

        Assert.Equal(EventText.Of(a.Journal), EventText.Of(b.Journal));
        Assert.Equal(a.EventLog.Entries.Select(e => (e.PersistenceId, e.SequenceNr)), b.EventLog.Entries.Select(e => (e.PersistenceId, e.SequenceNr)));
        Assert.Empty(b.Problems);

        // Every block actor's creation step is gone: untouched ones are never made, the others are made by their first message.
        Assert.Equal(eager.StepCount - b.BlockActorIds().Count, deferred.StepCount);
        AssertBlockActorsMatchDevices(b);
    }

    [Theory]
    [InlineData(KernelBugs.None)]
    [InlineData(KernelBugs.OnlinePagesWithoutMemHotplugLock)]
    [InlineData(KernelBugs.MissingMemHotplugLock)]
    public void One_way_unlocks_give_the_same_events_and_problems_and_save_the_answers(KernelBugs bugs)
    {
        var (a, _, saved, since) = RunScriptBothWays(bugs, new SimulatedHostOptions(), new SimulatedHostOptions { OneWayUnlock = true });

        // What is saved is one answer per release since boot: LockReleased, or LockRefused for an unpaired unlock.
        var unlocks = since.Count(s => s.StartsWith("unlock", StringComparison.Ordinal));
        var unpaired = a.Problems.Count(p => p.Contains(" releases ", StringComparison.Ordinal));
        Assert.True(unlocks > 0);
        Assert.Equal(unlocks + unpaired, saved);
    }

    /// <summary>
    /// Boots a host twice, with <paramref name="without"/> and <paramref name="with"/> (each on a FIFO system of its own), runs
    /// <paramref name="script"/> on both (by default the CXL online-offline script and kmem's unbind, which fails: most blocks
    /// are online), and checks that they give the same events, problems and step logs, leave no lock held and have a block
    /// actor for exactly each present block (asked after the deliveries are counted). Returns the
    /// first host, the second, the deliveries the second saved after boot, and the first host's steps since boot.
    /// </summary>
    private static (SimulatedHost A, SimulatedHost B, long Saved, List<string> Since) RunScriptBothWays(
        KernelBugs bugs, SimulatedHostOptions without, SimulatedHostOptions with, Action<SimulatedHost>? script = null)
    {
        var settings = Config(MiB(256), MemmapOnMemoryMode.On, bugs: bugs);
        var systemA = ActorSystem.Create("without");
        var systemB = ActorSystem.Create("with");
        var a = SimulatedHost.Boot(settings, without with { System = systemA });
        var b = SimulatedHost.Boot(settings, with with { System = systemB });
        var (stepsA, stepsB, booted) = (systemA.StepCount, systemB.StepCount, a.Operations.Count);
        foreach (var host in new[] { a, b })
        {
            if (script is null)
            {
                OnlineCxlThenOfflineTwo(host);
                host.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0");
            }
            else
            {
                script(host);
            }

            host.RunUntilQuiescent();
            Assert.Empty(host.HeldLocks);
        }

        Assert.Equal(EventText.Of(a.Journal), EventText.Of(b.Journal));
        Assert.Equal(a.Problems, b.Problems);
        Assert.Equal(a.Operations.Select(o => a.StepsOf(o.OpId)), b.Operations.Select(o => b.StepsOf(o.OpId)));
        var saved = systemA.StepCount - stepsA - (systemB.StepCount - stepsB);
        var since = a.Operations.Skip(booted).SelectMany(o => a.StepsOf(o.OpId)).ToList();
        AssertBlockActorsMatchDevices(a);
        AssertBlockActorsMatchDevices(b);
        systemA.Dispose();
        systemB.Dispose();
        return (a, b, saved, since);
    }

    [Fact]
    public void One_way_unlocks_are_refused_where_the_schedule_is_not_FIFO()
    {
        var settings = Config(MiB(256));
        var random = Assert.Throws<ArgumentException>(() =>
            SimulatedHost.Boot(settings, new SimulatedHostOptions { Strategy = SchedulingStrategyKind.Random, OneWayUnlock = true }));
        Assert.Contains("one-way unlocks need FIFO scheduling", random.Message, StringComparison.Ordinal);

        using var system = ActorSystem.Create("random", new ActorSystemSettings { Strategy = SchedulingStrategyKind.Random, Seed = 1 });
        Assert.Throws<ArgumentException>(() => SimulatedHost.Boot(settings, new SimulatedHostOptions { System = system, OneWayUnlock = true }));

        using var fleet = ActorSystem.Create("fleet", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
        var island = fleet.CreateIsland("host-0", new IslandSettings { Strategy = SchedulingStrategyKind.Random });
        Assert.Throws<ArgumentException>(() => SimulatedHost.Boot(settings, new SimulatedHostOptions { Island = island, OneWayUnlock = true }));
        using var fifo = SimulatedHost.Boot(settings, new SimulatedHostOptions { OneWayUnlock = true });
        Assert.True(fifo.Write(Block(fifo.BlocksOf(1)[0], "state"), "online").Ok);
    }

    [Theory]
    [InlineData(KernelBugs.None)]
    [InlineData(KernelBugs.OnlinePagesWithoutMemHotplugLock)]
    [InlineData(KernelBugs.MissingMemHotplugLock)]
    public void Fast_path_locks_give_the_same_events_and_problems_and_ask_no_owner_when_uncontended(KernelBugs bugs)
    {
        var (_, b, saved, since) = RunScriptBothWays(
            bugs, new SimulatedHostOptions { OneWayUnlock = true }, new SimulatedHostOptions { OneWayUnlock = true, FastPathLocks = true });
        Assert.Empty(b.LockRequests);

        // One operation at a time, so every lock is free when asked for: each acquire saves its request and grant, each paired
        // unlock its release. An unpaired unlock (a bug kernel's) still goes to the owner, which reports it.
        var locks = since.Count(s => s.StartsWith("lock ", StringComparison.Ordinal));
        var unlocks = since.Count(s => s.StartsWith("unlock ", StringComparison.Ordinal));
        Assert.True(locks > 0);
        Assert.Equal((2 * locks) + unlocks, saved);
    }

    [Fact]
    public void Removed_devices_actors_stopped_at_once_give_the_same_events_and_save_the_retire_stop_and_notice()
    {
        // What a reclaim does: online node 1's CXL blocks, offline them all, unbind kmem (which removes them), bind it again.
        var (a, _, saved, _) = RunScriptBothWays(KernelBugs.None, new SimulatedHostOptions(), new SimulatedHostOptions { StopRemovedDevicesAtOnce = true }, host =>
        {
            var cxl = host.BlocksOf(1);
            Assert.All(cxl, id => Assert.True(host.Write(Block(id, "state"), "online_movable").Ok));
            Assert.All(cxl, id => Assert.True(host.Write(Block(id, "state"), "offline").Ok));
            Assert.True(host.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0").Ok);
            Assert.True(host.Write("/sys/bus/dax/drivers/kmem/bind", "dax0.0").Ok);
        });
        var removed = a.Journal.OfType<MemoryBlockRemoved>().Count();
        Assert.True(removed > 0);
        Assert.Equal(3 * removed, saved);
    }

    [Fact]
    public void Fast_path_locks_queue_racing_writes_behind_the_holder_and_hand_the_lock_on_in_request_order()
    {
        var settings = Config(MiB(256), MemmapOnMemoryMode.On);
        using var asking = ActorSystem.Create("asking");
        using var fast = ActorSystem.Create("fast");
        var a = SimulatedHost.Boot(settings, new SimulatedHostOptions { System = asking, OneWayUnlock = true });
        var b = SimulatedHost.Boot(settings, new SimulatedHostOptions { System = fast, OneWayUnlock = true, FastPathLocks = true });
        var contended = false;
        foreach (var host in new[] { a, b })
        {
            var cxl = host.BlocksOf(1);
            Assert.True(cxl.Length > 2);
            var racing = cxl.Select(id => host.SubmitWrite(Block(id, "state"), "online_movable")).ToList();
            if (host == b)
            {
                // device_hotplug_lock is taken past its owner by the first write only; the others queue at the owner.
                contended = host.RunUntil(() => host.LockRequests.Any(r => r.Count == cxl.Length - 1));
            }

            host.RunUntilQuiescent();
            Assert.All(racing, w => Assert.True(w.Outcome().Ok));
            Assert.Empty(host.HeldLocks);
        }

        Assert.True(contended);
        Assert.Empty(b.LockRequests);
        Assert.Null(b.StuckReport());
        Assert.Equal(EventText.Of(a.Journal), EventText.Of(b.Journal));
        Assert.Empty(b.Problems);
        Assert.Equal(a.Operations.Select(o => a.StepsOf(o.OpId)), b.Operations.Select(o => b.StepsOf(o.OpId)));
    }

    [Fact]
    public void Fast_path_locks_are_refused_without_one_way_unlocks()
    {
        var refused = Assert.Throws<ArgumentException>(() =>
            SimulatedHost.Boot(Config(MiB(256)), new SimulatedHostOptions { FastPathLocks = true }));
        Assert.Contains("fast-path locks need one-way unlocks", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reused_operation_threads_give_the_same_events_and_save_a_spawn_a_stop_and_the_host_actor_per_operation()
    {
        var settings = Config(MiB(256), MemmapOnMemoryMode.On);
        using var fresh = ActorSystem.Create("fresh");
        using var reused = ActorSystem.Create("reused");
        var a = SimulatedHost.Boot(settings, new SimulatedHostOptions { System = fresh });
        var b = SimulatedHost.Boot(settings, new SimulatedHostOptions { System = reused, ReuseOperationThreads = true });
        var (stepsA, stepsB, booted) = (fresh.StepCount, reused.StepCount, a.Operations.Count);
        var threads = b.BlocksOf(1).Length;
        Assert.True(threads > 1);
        foreach (var host in new[] { a, b })
        {
            var cxl = host.BlocksOf(1);
            var racing = cxl.Select(id => host.SubmitWrite(Block(id, "state"), "online_movable")).ToList();
            host.RunUntilQuiescent();
            Assert.All(racing, w => Assert.True(w.Outcome().Ok));
            Assert.True(host.Write(Block(cxl[0], "state"), "offline").Ok);
            Assert.Equal("EINVAL", host.Write(Block(cxl[0], "state"), "bogus").Show());
            host.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0");
            host.RunUntilQuiescent();
        }

        Assert.Equal(EventText.Of(a.Journal), EventText.Of(b.Journal));
        Assert.Equal(a.Problems, b.Problems);
        Assert.Equal(a.Operations.Select(o => (o.OpId, o.Name, o.Finished)), b.Operations.Select(o => (o.OpId, o.Name, o.Finished)));
        Assert.Equal(a.Operations.Select(o => a.StepsOf(o.OpId)), b.Operations.Select(o => b.StepsOf(o.OpId)));

        // Two steps fewer per operation (no spawn, no stop and parent notice), and one more for each that the caller hands
        // straight to an idle thread: the first racing write (boot's probe thread is idle) and the three after the race.
        Assert.Equal(fresh.StepCount - stepsA - (2 * (a.Operations.Count - booted)) - 4, reused.StepCount - stepsB);

        // Racing writes need a thread each; after them every operation finds one idle (none is made or stopped).
        Assert.Equal(threads, b.ChildrenOf("").Count(c => c.StartsWith("op", StringComparison.Ordinal)));
        Assert.Equal(threads, a.Operations.Count - booted - 3);
    }

    [Fact]
    public void A_host_in_an_island_of_a_parallel_system_gives_the_sequential_models_events()
    {
        using var system = ActorSystem.Create("parallel", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
        var island = system.CreateIsland("rack0", new IslandSettings { Seed = 1 });
        var settings = Config(MiB(256), MemmapOnMemoryMode.On);
        var host = SimulatedHost.Boot(settings, new SimulatedHostOptions { Island = island, Name = "host-0" });
        var kernel = KernelHost.Boot(settings);
        var id = host.BlocksOf(1)[0];
        Assert.True(host.Write(Block(id, "state"), "online_movable").Ok);
        Assert.True(kernel.Write(Block(id, "state"), "online_movable").Ok);
        Assert.Equal(EventText.Of(kernel.Journal), EventText.Of(host.Journal));
    }

    [Fact]
    public void A_blocks_stream_keeps_numbering_when_its_device_is_removed_and_created_again()
    {
        using var host = Boot(Config(MiB(256)));
        var id = host.BlocksOf(1)[0];
        var pid = $"host-0/memory{id}";
        Assert.True(host.Write(Block(id, "state"), "online_movable").Ok);
        Assert.True(host.Write(Block(id, "state"), "offline").Ok);
        var before = host.EventLog.HighestSequenceNr(pid);
        Assert.True(before > 0);
        Assert.True(host.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0").Ok);
        Assert.True(host.Write("/sys/bus/dax/drivers/kmem/bind", "dax0.0").Ok);
        Assert.True(host.Write(Block(id, "state"), "online_movable").Ok);
        var numbers = host.EventLog.Entries.Where(e => e.PersistenceId == pid).Select(e => e.SequenceNr).ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count).Select(i => (long)i), numbers);
        Assert.True(numbers[^1] > before);
    }
}
