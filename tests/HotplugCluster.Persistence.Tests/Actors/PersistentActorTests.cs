using HotplugCluster.Actors;
using HotplugCluster.Persistence.Actors;
using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Serialization;
using HotplugCluster.Persistence.Sqlite;
using HotplugCluster.TestKit;
using Xunit;

namespace HotplugCluster.Persistence.Tests.Actors;

public sealed class PersistentActorTests : ActorTestKit
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hotplug-pa-").FullName;
    private readonly SqliteJournal _journal;
    private readonly PersistenceExtension _persistence;

    public PersistentActorTests()
    {
        _journal = SqliteJournal.Open(Path.Combine(_dir, "journal.db"));
        _persistence = PersistenceExtension.Start(Sys, _journal, Codecs(), _journal, new PersistenceOptions(Tagger: (_, _) => ["run:1"]));
    }

    internal sealed record Added(int Amount);

    internal sealed record Total(int Value);

    internal sealed record Get;

    internal sealed record Add(int Amount, int Times = 1);

    internal sealed record Snap;

    internal sealed record DeleteTo(long SequenceNr);

    private static EventCodecRegistry Codecs() =>
        new EventCodecRegistry()
            .Register<Added>("Added.v1", (e, w) => w.WriteInt32(e.Amount), static (ref EventReader r) => new Added(r.ReadInt32()))
            .Register<Total>("Total.v1", (e, w) => w.WriteInt32(e.Value), static (ref EventReader r) => new Total(r.ReadInt32()));

    /// <summary>A counter: events are amounts, the state their sum; it logs what it sees in order.</summary>
    internal sealed class Counter : ReceivePersistentActor
    {
        private readonly string _id;
        private readonly Recovery _recovery;
        private int _total;

        public Counter(string id, List<string> log, Recovery? recovery = null)
        {
            _id = id;
            _recovery = recovery ?? Recovery.Default;
            Recover<SnapshotOffer>(o =>
            {
                _total = ((Total)o.Snapshot).Value;
                log.Add($"snapshot {_total}@{o.Metadata.SequenceNr}");
            });
            Recover<Added>(e =>
            {
                _total += e.Amount;
                log.Add($"recover {e.Amount}@{LastSequenceNr}");
            });
            Recover<RecoveryCompleted>(_ => log.Add($"recovered {_total}@{LastSequenceNr}"));
            Command<Add>(c => PersistAll(Enumerable.Repeat(new Added(c.Amount), c.Times), e =>
            {
                _total += e.Amount;
                log.Add($"persisted {e.Amount}@{LastSequenceNr}");
                Sender.Tell(new Total(_total), Self);
            }));
            Command<Get>(_ =>
            {
                log.Add($"get {_total}");
                Sender.Tell(new Total(_total), Self);
            });
            Command<Snap>(_ => SaveSnapshot(new Total(_total)));
            Command<DeleteTo>(d => DeleteMessages(d.SequenceNr));
            Command<SaveSnapshotSuccess>(s => log.Add($"snapshot saved @{s.Metadata.SequenceNr}"));
            Command<DeleteMessagesSuccess>(s => log.Add($"deleted to {s.ToSequenceNr}"));
        }

        public override string PersistenceId => _id;

        protected override Recovery Recovery => _recovery;
    }

    private IActorRef Spawn(string id, List<string> log, Recovery? recovery = null) =>
        ActorOf(Props.Create(() => new Counter(id, log, recovery)));

    private void StopAndWait(IActorRef actor)
    {
        var watcher = CreateTestProbe();
        watcher.Watch(actor);
        Sys.Stop(actor);
        watcher.ExpectTerminated(actor);
    }

    [Fact]
    public void A_restarted_actor_recovers_its_state_from_the_journal()
    {
        var log = new List<string>();
        var counter = Spawn("counter-1", log);
        counter.Tell(new Add(5), TestActor.Ref);
        counter.Tell(new Add(7), TestActor.Ref);
        Assert.Equal(new Total(5), ExpectMsg<Total>());
        Assert.Equal(new Total(12), ExpectMsg<Total>());
        StopAndWait(counter);

        var again = new List<string>();
        var revived = Spawn("counter-1", again);
        revived.Tell(new Get(), TestActor.Ref);

        Assert.Equal(new Total(12), ExpectMsg<Total>());
        Assert.Equal(["recover 5@1", "recover 7@2", "recovered 12@2", "get 12"], again);
    }

    [Fact]
    public void A_command_sent_while_an_event_is_being_persisted_waits_for_its_handler()
    {
        var log = new List<string>();
        var counter = Spawn("counter-2", log);
        counter.Tell(new Add(1, Times: 3), TestActor.Ref);
        counter.Tell(new Get(), TestActor.Ref);

        Assert.Equal(new Total(1), ExpectMsg<Total>());
        Assert.Equal(new Total(2), ExpectMsg<Total>());
        Assert.Equal(new Total(3), ExpectMsg<Total>());
        Assert.Equal(new Total(3), ExpectMsg<Total>());
        Assert.Equal(["recovered 0@0", "persisted 1@1", "persisted 1@2", "persisted 1@3", "get 3"], log);
    }

    [Fact]
    public void Writes_of_many_actors_share_transactions()
    {
        var actors = Enumerable.Range(0, 50).Select(i => Spawn($"batch-{i}", [])).ToArray();
        RunUntilQuiescent();
        var before = _persistence.Statistics.Transactions;

        foreach (var actor in actors)
        {
            actor.Tell(new Add(1), TestActor.Ref);
        }

        RunUntilQuiescent();

        Assert.Equal(50, _persistence.Statistics.Events);
        Assert.InRange(_persistence.Statistics.Transactions - before, 1, 5);
        Assert.Equal(50, _journal.CurrentEventsByTag("run:1").Count);
    }

    [Fact]
    public void Recovery_starts_from_the_latest_snapshot_and_replays_the_tail()
    {
        var log = new List<string>();
        var counter = Spawn("counter-3", log);
        counter.Tell(new Add(1, Times: 3), TestActor.Ref);
        counter.Tell(new Snap(), TestActor.Ref);
        counter.Tell(new Add(10, Times: 2), TestActor.Ref);
        RunUntilQuiescent();
        Assert.Contains("snapshot saved @3", log);
        StopAndWait(counter);

        var again = new List<string>();
        Spawn("counter-3", again).Tell(new Get(), TestActor.Ref);
        RunUntilQuiescent();

        Assert.Equal(["snapshot 3@3", "recover 10@4", "recover 10@5", "recovered 23@5", "get 23"], again);
    }

    [Fact]
    public void Recovery_can_stop_at_a_sequence_number()
    {
        var counter = Spawn("counter-4", []);
        counter.Tell(new Add(2, Times: 4), TestActor.Ref);
        RunUntilQuiescent();
        StopAndWait(counter);

        var log = new List<string>();
        Spawn("counter-4", log, new Recovery(Snapshots.SnapshotSelectionCriteria.Latest, ToSequenceNr: 2));
        RunUntilQuiescent();

        Assert.Equal(["recover 2@1", "recover 2@2", "recovered 4@2"], log);
    }

    [Fact]
    public void A_second_writer_on_the_same_persistence_id_is_rejected_and_overwrites_nothing()
    {
        var failures = CreateTestProbe("failures");
        Sys.EventStream.Subscribe(failures.Ref, typeof(PersistenceFailure));
        var first = new List<string>();
        var second = new List<string>();
        var a = Spawn("shared", first);
        var b = Spawn("shared", second);
        RunUntilQuiescent();

        a.Tell(new Add(1), TestActor.Ref);
        RunUntilQuiescent();
        b.Tell(new Add(100), TestActor.Ref);
        RunUntilQuiescent();

        var failure = failures.ExpectMsg<PersistenceFailure>();
        Assert.Equal(("shared", 1L, "persist-rejected"), (failure.PersistenceId, failure.SequenceNr, failure.Phase));
        Assert.DoesNotContain(second, l => l.StartsWith("persisted", StringComparison.Ordinal));
        var stored = _journal.CurrentEventsByPersistenceId("shared");
        Assert.Single(stored);
        Assert.Equal(new Added(1), _persistence.Codecs.Decode(stored[0].Event));
    }

    [Fact]
    public void A_corrupted_payload_fails_recovery_naming_the_persistence_id_and_sequence_number()
    {
        var counter = Spawn("counter-5", []);
        counter.Tell(new Add(3, Times: 2), TestActor.Ref);
        RunUntilQuiescent();
        StopAndWait(counter);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dir, "journal.db")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE event_journal SET payload = x'0102030405060708' WHERE persistence_id = 'counter-5' AND sequence_nr = 2";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var failures = CreateTestProbe("failures");
        Sys.EventStream.Subscribe(failures.Ref, typeof(PersistenceFailure));
        var log = new List<string>();
        var revived = Spawn("counter-5", log);
        var watcher = CreateTestProbe();
        watcher.Watch(revived);

        var failure = failures.ExpectMsg<PersistenceFailure>();
        Assert.Equal("recovery", failure.Phase);
        Assert.Equal(2, failure.SequenceNr);
        Assert.Contains("counter-5#2", failure.Cause.Message, StringComparison.Ordinal);
        watcher.ExpectTerminated(revived);
        Assert.Equal(["recover 3@1"], log);
    }

    [Fact]
    public async Task An_event_with_an_unknown_manifest_fails_recovery_naming_the_manifest()
    {
        await _journal.WriteMessagesAsync([new AtomicWrite(new PersistentRepr("future", 1, "Added.v9", new byte[8], 0, "newer-build"))]);
        var failures = CreateTestProbe("failures");
        Sys.EventStream.Subscribe(failures.Ref, typeof(PersistenceFailure));

        Spawn("future", []);

        var failure = failures.ExpectMsg<PersistenceFailure>();
        Assert.Contains("future#1", failure.Cause.Message, StringComparison.Ordinal);
        Assert.Contains("Added.v9", failure.Cause.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deleted_events_are_not_recovered_but_their_sequence_numbers_are_not_reused()
    {
        var log = new List<string>();
        var counter = Spawn("counter-6", log);
        counter.Tell(new Add(1, Times: 3), TestActor.Ref);
        counter.Tell(new DeleteTo(2), TestActor.Ref);
        RunUntilQuiescent();
        Assert.Contains("deleted to 2", log);
        StopAndWait(counter);

        var again = new List<string>();
        var revived = Spawn("counter-6", again);
        revived.Tell(new Add(5), TestActor.Ref);
        RunUntilQuiescent();

        Assert.Equal(["recover 1@3", "recovered 1@3", "persisted 5@4"], again);
    }

    [Fact]
    public void Persistence_for_a_system_without_a_journal_says_how_to_start_it()
    {
        using var other = ActorSystem.Create("other");

        var ex = Assert.Throws<InvalidOperationException>(() => PersistenceExtension.For(other));

        Assert.Contains("PersistenceExtension.Start", ex.Message, StringComparison.Ordinal);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _journal.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_dir, recursive: true);
        }
    }
}
