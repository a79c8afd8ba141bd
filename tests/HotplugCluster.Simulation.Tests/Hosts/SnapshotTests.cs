using HotplugCluster.Actors;
using HotplugCluster.Actors.Dispatch;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Invariants;
using static HotplugCluster.Simulation.Tests.SimHosts;

namespace HotplugCluster.Simulation.Tests.Hosts;

/// <summary>A host restored from a snapshot is the snapshot's host: the same state, log, actor tree, and the same answers from then on.</summary>
public sealed class SnapshotTests
{
    private static readonly string[] Script =
    [
        "/sys/devices/system/memory/memory256/state=offline",
        "/sys/bus/dax/drivers/kmem/unbind=dax0.0",
        "/sys/bus/dax/drivers/kmem/bind=dax0.0",
        "/sys/devices/system/memory/memory262/state=online_movable",
        "/sys/devices/system/memory/memory263/state=online_kernel",
    ];

    [Fact]
    public void A_restored_host_continues_exactly_as_the_host_it_copies()
    {
        using var system = ActorSystem.Create("snap", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
        var islands = new[] { system.CreateIsland("a", new IslandSettings()), system.CreateIsland("b", new IslandSettings()), system.CreateIsland("c", new IslandSettings()) };
        Island.RunInParallel(islands, island =>
        {
            if (island != islands[0])
            {
                return;
            }

            var original = SimulatedHost.Boot(Config(MiB(256)), new SimulatedHostOptions { Island = islands[0], Name = "host" });
            Assert.True(original.Write(Block(256, "state"), "online").Ok);
            var snapshot = original.Snapshot();
            var before = StateFingerprint.Of(original.State);
            var detached = new HostState(original.State);
            var copy = SimulatedHost.Restore(snapshot, new SimulatedHostOptions { Island = islands[1], Name = "host" });

            // A fleet's copy: no entries kept, the fleet protocol (block actors made on their first message); its streams still number on from the snapshot.
            var lean = SimulatedHost.Restore(snapshot, new SimulatedHostOptions { Island = islands[2], Name = "host", KeepEvents = false, Protocol = HostProtocol.Fleet });

            Assert.Equal(original.ChildrenOf(""), copy.ChildrenOf(""));
            Assert.Equal(original.ChildrenOf("dax"), copy.ChildrenOf("dax"));
            Assert.Equal(original.BlockActorIds(), copy.BlockActorIds());
            Assert.Equal(original.ChildrenOf("mhp").Order(StringComparer.Ordinal), copy.ChildrenOf("mhp").Order(StringComparer.Ordinal));
            Assert.Equal(Text(original.EventLog), Text(copy.EventLog));
            Assert.Equal(original.State.Dmesg.Lines, copy.State.Dmesg.Lines);

            foreach (var line in Script)
            {
                var (path, value) = (line[..line.IndexOf('=', StringComparison.Ordinal)], line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                var written = original.Write(path, value).Show();
                Assert.Equal(written, copy.Write(path, value).Show());
                Assert.Equal(written, lean.Write(path, value).Show());
            }

            Assert.Empty(lean.EventLog.Entries);
            Assert.All(original.EventLog.Entries.Select(e => e.PersistenceId).Distinct(), pid =>
                Assert.Equal(original.EventLog.HighestSequenceNr(pid), lean.EventLog.HighestSequenceNr(pid)));

            // The fleet copy spawned only the block actors something was routed to, yet each block's events went to its own stream (above).
            Assert.NotEmpty(lean.BlockActorIds());
            Assert.True(lean.BlockActorIds().Count < original.BlockActorIds().Count);
            Assert.Subset(original.BlockActorIds().ToHashSet(), lean.BlockActorIds().ToHashSet());

            Assert.Equal(Text(original.EventLog), Text(copy.EventLog));
            Assert.Equal(original.Operations[^1].OpId, copy.Operations[^1].OpId);
            foreach (var id in original.BlockActorIds())
            {
                Assert.Equal(original.Read(Block(id, "state")), copy.Read(Block(id, "state")));
                Assert.Equal(original.Read(Block(id, "valid_zones")), copy.Read(Block(id, "valid_zones")));
            }

            Assert.Equal(original.Read("/proc/iomem"), copy.Read("/proc/iomem"));

            // The copies share nothing the writes since changed: blocks, zones, resources, dax devices.
            Assert.NotEqual(before, StateFingerprint.Of(original.State));
            Assert.Equal(before, StateFingerprint.Of(detached));
            Assert.Equal(before, StateFingerprint.Of(snapshot.State));

            // A state copy is what replaying the journal gives, and what the live state is.
            var replayed = StateFingerprint.Of(KernelHost.Replay(Config(MiB(256)), original.Journal));
            Assert.Empty(StateFingerprint.Differences(StateFingerprint.Of(original.State), replayed));
            Assert.Empty(StateFingerprint.Differences(StateFingerprint.Of(new HostState(original.State)), replayed));
            Assert.Empty(StateFingerprint.Differences(StateFingerprint.Of(copy.State), replayed));
            Assert.Equal(original.Read("/proc/meminfo"), copy.Read("/proc/meminfo"));
        });
    }

    private static string[] Text(HostEventLog log) =>
        [.. log.Entries.Select(e => $"{e.PersistenceId}#{e.SequenceNr} {e.Event.GetType().Name}{System.Text.Json.JsonSerializer.Serialize(e.Event, e.Event.GetType())}")];

    [Fact]
    public void Snapshot_and_restore_refuse_what_they_cannot_copy()
    {
        using var system = ActorSystem.Create("snap", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
        var island = system.CreateIsland("a", new IslandSettings());
        var other = system.CreateIsland("b", new IslandSettings());
        Island.RunInParallel([island], _ =>
        {
            // A host that keeps no events gives a snapshot of its streams' numbers only: no host can keep events from boot out of it.
            var quiet = SimulatedHost.Boot(Config(MiB(256)), new SimulatedHostOptions { Island = island, Name = "h1", KeepEvents = false });
            var lean = quiet.Snapshot();
            Assert.False(lean.KeptEvents);
            Assert.Empty(lean.Entries);
            Assert.Contains("KeepEvents", Assert.Throws<ArgumentException>(() => SimulatedHost.Restore(lean, new SimulatedHostOptions { Island = other, Name = "h1" })).Message, StringComparison.Ordinal);

            var host = SimulatedHost.Boot(Config(MiB(256)), new SimulatedHostOptions { Island = island, Name = "h2" });
            var snapshot = host.Snapshot();
            Assert.Contains("given island", Assert.Throws<ArgumentException>(() => SimulatedHost.Restore(snapshot, new SimulatedHostOptions())).Message, StringComparison.Ordinal);
            Assert.Contains("under 'h2'", Assert.Throws<ArgumentException>(() => SimulatedHost.Restore(snapshot, new SimulatedHostOptions { Island = other, Name = "h3" })).Message, StringComparison.Ordinal);
        });
    }
}
