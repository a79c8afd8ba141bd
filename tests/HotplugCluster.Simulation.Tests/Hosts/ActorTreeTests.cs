using HotplugCluster.Actors;
using HotplugCluster.Actors.Dispatch;
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
    internal static void OnlineCxlThenOfflineTwo(SimulatedHost host)
    {
        var cxl = host.BlocksOf(1);
        Assert.All(cxl, id => Assert.True(host.Write(Block(id, "state"), "online_movable").Ok));
        Assert.True(host.Write(Block(cxl[0], "state"), "offline").Ok);
        Assert.True(host.Write(Block(cxl[1], "online"), "0").Ok);
    }

    internal static void AssertBlockActorsMatchDevices(SimulatedHost host)
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
