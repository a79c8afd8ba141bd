using HotplugCluster.Actors;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Persistence.Actors;
using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Memory;
using HotplugCluster.Persistence.Sqlite;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Journal;
using HotplugCluster.Simulation.Tests.Hosts;
using static HotplugCluster.Simulation.Tests.SimHosts;

namespace HotplugCluster.Simulation.Tests.Journal;

/// <summary>Owners persist every event they apply: the journal holds exactly the host's event log, and journaling changes nothing else.</summary>
public sealed class JournaledHostTests
{
    public static TheoryData<string> Scenarios => DifferentialTests.Scenarios;

    private static (SimulatedHost Host, ActorSystem System, PersistenceExtension Persistence) BootJournaled(IJournalStore store, Kernel.Settings.HostSettings settings, string runId = "r-1")
    {
        var system = ActorSystem.Create("journaled", new ActorSystemSettings { RecordTrace = true });
        var persistence = PersistenceExtension.Start(system, store, RunJournal.Codecs(), store, new PersistenceOptions(Tagger: (_, _) => [RunJournal.Tag(runId)]));
        var host = SimulatedHost.Boot(settings, new SimulatedHostOptions { System = system, StreamPrefix = $"{runId}/host-0" });
        return (host, system, persistence);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void A_journaled_host_matches_KernelHost_and_its_journal_holds_its_event_log(string scenario)
    {
        var (settings, run) = DifferentialTests.All[scenario];
        var kernel = new KernelConsole(KernelHost.Boot(settings));
        var store = new MemoryJournal();
        var (host, system, persistence) = BootJournaled(store, settings);
        using (system)
        {
            var expected = new List<string>();
            var actual = new List<string>();
            run(kernel, expected);
            run(host, actual);

            Assert.Equal(expected, actual);
            Assert.Equal(EventText.Of(kernel.Host.Journal), EventText.Of(host.Journal));
            Assert.Equal(SysfsTree.Snapshot(kernel.State), SysfsTree.Snapshot(host.State));
            Assert.Empty(host.Problems);

            var codecs = RunJournal.Codecs();
            var journaled = store.CurrentEventsByTag(RunJournal.Tag("r-1"));
            Assert.Equal(host.EventLog.Entries.Count, journaled.Count);
            Assert.Equal(
                host.EventLog.Entries.Select(e => $"{e.PersistenceId}#{e.SequenceNr} {codecs.Encode(e.Event).Manifest}").Order(StringComparer.Ordinal),
                journaled.Select(e => $"{e.Event.PersistenceId}#{e.Event.SequenceNr} {e.Event.Manifest}").Order(StringComparer.Ordinal));
            Assert.Equal(EventText.Of(host.Journal).Order(StringComparer.Ordinal), EventText.Of(journaled.Select(e => (Kernel.Events.KernelEvent)codecs.Decode(e.Event))).Order(StringComparer.Ordinal));
            Assert.InRange(persistence.Statistics.Transactions, 1, journaled.Count);
        }
    }

    [Fact]
    public void Rebuilding_state_from_the_journal_in_journal_order_gives_the_live_state()
    {
        var (settings, run) = DifferentialTests.All["cxl memmap on: online movable, offline, unbind"];
        var store = new MemoryJournal();
        var (host, system, _) = BootJournaled(store, settings);
        using (system)
        {
            run(host, []);
            var codecs = RunJournal.Codecs();
            var events = store.CurrentEventsByTag(RunJournal.Tag("r-1")).Select(e => (Kernel.Events.KernelEvent)codecs.Decode(e.Event));

            var rebuilt = KernelHost.Replay(settings, events);

            Assert.Equal(SysfsTree.Snapshot(host.State), SysfsTree.Snapshot(rebuilt));
        }
    }

    [Fact]
    public void A_journaled_host_on_SQLite_writes_the_same_events_as_in_memory()
    {
        var (settings, run) = DifferentialTests.All["remove: a range with an online block is EBUSY, offline then remove succeeds"];
        var dir = Directory.CreateTempSubdirectory("hotplug-journaled-").FullName;
        try
        {
            var memory = new MemoryJournal();
            var (a, systemA, _) = BootJournaled(memory, settings);
            using (systemA)
            {
                run(a, []);
            }

            using var sqlite = SqliteJournal.Open(Path.Combine(dir, "j.db"));
            var (b, systemB, _) = BootJournaled(sqlite, settings);
            using (systemB)
            {
                run(b, []);
            }

            static string Key(EventEnvelope e) => $"{e.Event.PersistenceId}#{e.Event.SequenceNr} {e.Event.Manifest} {Convert.ToHexString(e.Event.Payload.Span)}";
            Assert.Equal(memory.CurrentEventsByTag("run:r-1").Select(Key), sqlite.CurrentEventsByTag("run:r-1").Select(Key));
            Assert.Equal(systemA.Trace!.ToBytes(), systemB.Trace!.ToBytes());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_stream_that_already_holds_events_fails_the_run_instead_of_mixing_two_runs()
    {
        var settings = Config(MiB(256));
        var store = new MemoryJournal();
        var (_, first, _) = BootJournaled(store, settings, "same");
        first.Dispose();

        var ex = Assert.ThrowsAny<Exception>(() => BootJournaled(store, settings, "same"));

        Assert.Contains("a run's owners start from boot", ex.ToString(), StringComparison.Ordinal);
    }
}
