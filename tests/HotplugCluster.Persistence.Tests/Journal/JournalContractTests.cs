using System.Text;
using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Serialization;
using HotplugCluster.Persistence.Snapshots;
using Xunit;

namespace HotplugCluster.Persistence.Tests.Journal;

/// <summary>
/// The contract every journal passes, after Akka's persistence TCK (JournalSpec, SnapshotStoreSpec). Each concrete
/// journal inherits it and supplies a fresh, empty store.
/// </summary>
public abstract class JournalContractTests : IDisposable
{
    private IJournalStore? _store;

    protected IJournalStore Store => _store ??= CreateStore();

    /// <summary>A new, empty store that no other test sees.</summary>
    protected abstract IJournalStore CreateStore();

    /// <summary>Opens the same database again, as a restarted process (or a second process) would.</summary>
    protected abstract IJournalStore Reopen();

    /// <summary>Flips one bit of the stored payload of <paramref name="persistenceId"/>#<paramref name="sequenceNr"/>, behind the store's back.</summary>
    protected abstract void CorruptPayload(string persistenceId, long sequenceNr, int byteIndex);

    protected static PersistentRepr Event(string pid, long seq, string text = "", params string[] tags) =>
        new(pid, seq, "Text.v1", Encoding.UTF8.GetBytes(text.Length == 0 ? $"{pid}-{seq}" : text), 1000 + seq, "writer-a") { Tags = tags };

    protected static AtomicWrite Write(string pid, long from, long to) =>
        new([.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(s => Event(pid, s))]);

    protected List<PersistentRepr> Replay(string pid, long from = 1, long to = long.MaxValue, long max = long.MaxValue)
    {
        var result = new List<PersistentRepr>();
        Store.ReplayMessagesAsync(pid, from, to, max, result.Add).GetAwaiter().GetResult();
        return result;
    }

    protected IReadOnlyList<Exception?> WriteAll(params AtomicWrite[] writes) => Store.WriteMessagesAsync(writes).GetAwaiter().GetResult();

    [ContractFact]
    public void Replay_returns_written_events_in_order_with_all_fields()
    {
        var results = WriteAll(Write("a", 1, 3), new AtomicWrite(Event("b", 1, "hello")));

        Assert.All(results, Assert.Null);
        var replayed = Replay("a");
        Assert.Equal([1L, 2, 3], replayed.Select(e => e.SequenceNr));
        var first = replayed[0];
        Assert.Equal(("a", "Text.v1", 1001L, "writer-a", "a-1"), (first.PersistenceId, first.Manifest, first.Timestamp, first.Writer, Encoding.UTF8.GetString(first.Payload.Span)));
        Assert.Equal("hello", Encoding.UTF8.GetString(Replay("b").Single().Payload.Span));
    }

    [ContractFact]
    public void Replay_respects_from_to_and_max()
    {
        WriteAll(Write("a", 1, 10));

        Assert.Equal([3L, 4, 5], Replay("a", 3, 5).Select(e => e.SequenceNr));
        Assert.Equal([2L, 3], Replay("a", 2, 10, 2).Select(e => e.SequenceNr));
        Assert.Empty(Replay("a", 1, 10, 0));
        Assert.Empty(Replay("missing"));
    }

    [ContractFact]
    public void Replay_returns_events_across_gaps_in_sequence_numbers()
    {
        WriteAll(Write("a", 1, 2), Write("b", 1, 1));
        WriteAll(Write("a", 1_000_000, 1_000_001));

        Assert.Equal([1L, 2, 1_000_000, 1_000_001], Replay("a").Select(e => e.SequenceNr));
        Assert.Equal([2L, 1_000_000], Replay("a", 2, long.MaxValue, 2).Select(e => e.SequenceNr));
        Assert.Equal(1_000_001, Store.ReadHighestSequenceNrAsync("a", 0).GetAwaiter().GetResult());
    }

    [ContractFact]
    public void ReadHighestSequenceNr_is_zero_for_an_unknown_stream_and_the_highest_written_otherwise()
    {
        WriteAll(Write("a", 1, 4));

        Assert.Equal(0, Store.ReadHighestSequenceNrAsync("missing", 0).GetAwaiter().GetResult());
        Assert.Equal(4, Store.ReadHighestSequenceNrAsync("a", 0).GetAwaiter().GetResult());
    }

    [ContractFact]
    public void DeleteMessagesTo_hides_deleted_events_but_keeps_the_highest_sequence_number()
    {
        WriteAll(Write("a", 1, 5));

        Store.DeleteMessagesToAsync("a", 3).GetAwaiter().GetResult();
        Assert.Equal([4L, 5], Replay("a").Select(e => e.SequenceNr));

        Store.DeleteMessagesToAsync("a", 5).GetAwaiter().GetResult();
        Assert.Empty(Replay("a"));
        Assert.Equal(5, Store.ReadHighestSequenceNrAsync("a", 0).GetAwaiter().GetResult());
    }

    [ContractFact]
    public void WriteMessages_rejects_a_second_writer_alone_and_overwrites_nothing()
    {
        WriteAll(Write("a", 1, 2));

        var intruder = new AtomicWrite(Event("a", 2, "intruder") with { Writer = "writer-b" });
        var results = WriteAll(Write("b", 1, 1), intruder, Write("c", 1, 1));

        Assert.Null(results[0]);
        var rejection = Assert.IsType<WriteRejectedException>(results[1]);
        Assert.Contains("a#2", rejection.Message, StringComparison.Ordinal);
        Assert.Null(results[2]);
        Assert.Equal("a-2", Encoding.UTF8.GetString(Replay("a")[1].Payload.Span));
        Assert.Single(Replay("b"));
        Assert.Single(Replay("c"));
    }

    [ContractFact]
    public void WriteMessages_rejects_an_atomic_write_whole_when_one_of_its_events_is_taken()
    {
        WriteAll(Write("a", 1, 3));

        var results = WriteAll(new AtomicWrite([Event("b", 1), Event("b", 2)]), Write("a", 3, 5));

        Assert.Null(results[0]);
        Assert.IsType<WriteRejectedException>(results[1]);
        Assert.Equal([1L, 2, 3], Replay("a").Select(e => e.SequenceNr));
        Assert.Equal(3, Store.ReadHighestSequenceNrAsync("a", 0).GetAwaiter().GetResult());
    }

    [ContractFact]
    public void WriteMessages_rejects_a_partly_new_atomic_write_without_leaving_its_new_events()
    {
        WriteAll(Write("a", 1, 1));

        var results = WriteAll(new AtomicWrite([Event("a", 1, "x"), Event("a", 2, "y")]));

        Assert.IsType<WriteRejectedException>(results[0]);
        Assert.Equal([1L], Replay("a").Select(e => e.SequenceNr));
    }

    [ContractFact]
    public void CurrentEventsByTag_returns_tagged_events_in_journal_order_after_the_offset()
    {
        WriteAll(
            new AtomicWrite(Event("a", 1, "", "blue")),
            new AtomicWrite(Event("b", 1, "", "blue", "red")),
            new AtomicWrite(Event("a", 2)),
            new AtomicWrite(Event("c", 1, "", "blue")));

        var blue = Store.CurrentEventsByTag("blue");
        Assert.Equal(["a#1", "b#1", "c#1"], blue.Select(e => $"{e.Event.PersistenceId}#{e.Event.SequenceNr}"));
        Assert.Equal(["c#1"], Store.CurrentEventsByTag("blue", blue[1].Ordering).Select(e => $"{e.Event.PersistenceId}#{e.Event.SequenceNr}"));
        Assert.Single(Store.CurrentEventsByTag("red"));
        Assert.Empty(Store.CurrentEventsByTag("green"));
    }

    [ContractFact]
    public void CurrentEventsByPersistenceIdPrefix_returns_every_stream_under_the_prefix_in_journal_order()
    {
        WriteAll(Write("run-1/b", 1, 2), Write("run-1/a", 1, 1), Write("run-10/a", 1, 2), Write("run-1", 1, 1));
        WriteAll(Write("run-1/a", 2, 3), Write("run-1/b", 3, 3), Write("run-0/z", 1, 1));
        Store.DeleteMessagesToAsync("run-1/b", 1).GetAwaiter().GetResult();

        var run = Store.CurrentEventsByPersistenceIdPrefix("run-1/");
        Assert.Equal(["run-1/b#2", "run-1/a#1", "run-1/a#2", "run-1/a#3", "run-1/b#3"], run.Select(e => $"{e.Event.PersistenceId}#{e.Event.SequenceNr}"));
        Assert.True(run.Zip(run.Skip(1)).All(pair => pair.First.Ordering < pair.Second.Ordering));
        Assert.Equal(
            Store.CurrentEventsByPersistenceId("run-1/a").Select(e => e.Ordering),
            run.Where(e => e.Event.PersistenceId == "run-1/a").Select(e => e.Ordering));

        Assert.Equal(9, Store.CurrentEventsByPersistenceIdPrefix("").Count);
        Assert.Equal(8, Store.CurrentEventsByPersistenceIdPrefix("run-1").Count);
        Assert.Equal(2, Store.CurrentEventsByPersistenceIdPrefix("run-10/").Count);
        Assert.Empty(Store.CurrentEventsByPersistenceIdPrefix("run-2/"));
        Assert.Equal(["run-1/a#1"], Store.CurrentEventsByPersistenceIdPrefix("run-1/a").Take(1).Select(e => $"{e.Event.PersistenceId}#{e.Event.SequenceNr}"));
    }

    [ContractFact]
    public void A_prefix_read_is_in_journal_order_whether_its_events_lie_close_together_or_far_apart()
    {
        // "near/": 40 events with one other event per round (orderings close together: placed by slot); "far/": 4 events
        // in two of the 20 rounds (orderings far apart: sorted).
        for (var seq = 1; seq <= 20; seq++)
        {
            WriteAll(Write("near/b", seq, seq), Write("near/a", seq, seq));
            if (seq % 7 == 0)
            {
                WriteAll(Write("far/x", (seq / 7 * 2) - 1, seq / 7 * 2), Write("other", seq, seq));
            }
            else
            {
                WriteAll(Write("other", seq, seq));
            }
        }

        foreach (var prefix in new[] { "near/", "far/" })
        {
            var read = Store.CurrentEventsByPersistenceIdPrefix(prefix);
            var expected = Store.CurrentPersistenceIds().Where(id => id.StartsWith(prefix, StringComparison.Ordinal))
                .SelectMany(id => Store.CurrentEventsByPersistenceId(id)).OrderBy(e => e.Ordering).Select(e => $"{e.Event.PersistenceId}#{e.Event.SequenceNr}@{e.Ordering}");
            Assert.Equal(expected, read.Select(e => $"{e.Event.PersistenceId}#{e.Event.SequenceNr}@{e.Ordering}"));
        }

        Assert.Equal(40, Store.CurrentEventsByPersistenceIdPrefix("near/").Count);
        Assert.Equal(4, Store.CurrentEventsByPersistenceIdPrefix("far/").Count);
    }

    [ContractFact]
    public void CurrentEventsByPersistenceId_and_CurrentPersistenceIds_see_what_was_written()
    {
        WriteAll(Write("zeta", 1, 2), Write("alpha", 1, 3));

        Assert.Equal(["alpha", "zeta"], Store.CurrentPersistenceIds());
        var events = Store.CurrentEventsByPersistenceId("alpha", 2);
        Assert.Equal([2L, 3], events.Select(e => e.Event.SequenceNr));
        Assert.True(events[0].Ordering < events[1].Ordering);
    }

    [ContractFact]
    public void Events_survive_closing_and_reopening_the_store()
    {
        WriteAll(Write("a", 1, 3));
        _store!.Dispose();

        _store = Reopen();

        Assert.Equal(3, Replay("a").Count);
        Assert.IsType<WriteRejectedException>(WriteAll(Write("a", 3, 3))[0]);
    }

    [ContractFact]
    public void A_batch_of_many_streams_is_written_whole()
    {
        var writes = Enumerable.Range(0, 200).Select(i => Write($"block-{i}", 1, 5)).ToArray();

        Assert.All(WriteAll(writes), Assert.Null);

        Assert.Equal(200, Store.CurrentPersistenceIds().Count);
        Assert.Equal(5, Replay("block-199").Count);
    }

    [ContractFact]
    public void Streams_written_twice_in_one_large_batch_report_their_highest_sequence_number()
    {
        var writes = Enumerable.Range(0, 120).Select(i => Write($"s-{i}", 1, 2)).Concat([Write("s-0", 3, 5), Write("s-119", 3, 3)]).ToArray();

        Assert.All(WriteAll(writes), Assert.Null);

        Assert.Equal(5, Store.ReadHighestSequenceNrAsync("s-0", 0).GetAwaiter().GetResult());
        Assert.Equal(3, Store.ReadHighestSequenceNrAsync("s-119", 0).GetAwaiter().GetResult());
        Assert.Equal(2, Store.ReadHighestSequenceNrAsync("s-50", 0).GetAwaiter().GetResult());
        Assert.Equal([1L, 2, 3, 4, 5], Replay("s-0").Select(e => e.SequenceNr));
        Assert.Equal(120, Store.CurrentPersistenceIds().Count);
    }

    [ContractFact]
    public void Snapshots_load_the_youngest_match_and_delete_by_criteria()
    {
        foreach (var seq in new long[] { 10, 20, 30 })
        {
            Store.SaveAsync(new SnapshotMetadata("a", seq, seq * 100), "State.v1", new byte[] { (byte)seq }).GetAwaiter().GetResult();
        }

        Assert.Equal(30, Store.LoadAsync("a", SnapshotSelectionCriteria.Latest).GetAwaiter().GetResult()!.Metadata.SequenceNr);
        Assert.Equal(20, Store.LoadAsync("a", new SnapshotSelectionCriteria(25, long.MaxValue)).GetAwaiter().GetResult()!.Payload.Span[0]);
        Assert.Null(Store.LoadAsync("a", SnapshotSelectionCriteria.None).GetAwaiter().GetResult());
        Assert.Null(Store.LoadAsync("missing", SnapshotSelectionCriteria.Latest).GetAwaiter().GetResult());

        Store.DeleteAsync("a", new SnapshotSelectionCriteria(20, long.MaxValue, 20)).GetAwaiter().GetResult();
        Assert.Equal(10, Store.LoadAsync("a", new SnapshotSelectionCriteria(25, long.MaxValue)).GetAwaiter().GetResult()!.Metadata.SequenceNr);
    }

    protected static AtomicWrite Encoded(EventCodecRegistry codec, string pid, long seq, object evt)
    {
        var (manifest, payload) = codec.Encode(evt);
        return new AtomicWrite(new PersistentRepr(pid, seq, manifest, payload, seq, "writer-a"));
    }

    protected List<object> ReplayDecoded(EventCodecRegistry codec, string pid, List<object>? seen = null)
    {
        seen ??= [];
        Store.ReplayMessagesAsync(pid, 1, long.MaxValue, long.MaxValue, repr => seen.Add(codec.Decode(repr))).GetAwaiter().GetResult();
        return seen;
    }

    [ContractFact]
    public void A_corrupted_payload_fails_replay_at_that_event_naming_it_and_the_journal_stays_usable()
    {
        var codec = VersionedEvents.CurrentBuild();
        Assert.All(WriteAll([.. Enumerable.Range(1, 4).Select(s => Encoded(codec, "host-0/block-7", s, new VersionedEvents.BlockOnlined(7, "Movable", s)))]), Assert.Null);
        CorruptPayload("host-0/block-7", 3, 5);

        var seen = new List<object>();
        var ex = Assert.Throws<JournalException>(() => ReplayDecoded(codec, "host-0/block-7", seen));

        Assert.StartsWith("host-0/block-7#3: payload of BlockOnlined.v2 is corrupt", ex.Message, StringComparison.Ordinal);
        Assert.Equal(("host-0/block-7", 3L), (ex.PersistenceId, ex.SequenceNr));
        Assert.Equal([1L, 2], seen.Cast<VersionedEvents.BlockOnlined>().Select(e => e.Pages));
        Assert.Equal(4, Store.ReadHighestSequenceNrAsync("host-0/block-7", 0).GetAwaiter().GetResult());
        Assert.Equal(4, Replay("host-0/block-7").Count);
    }

    [ContractFact]
    public void A_second_writer_on_another_connection_is_rejected_and_overwrites_nothing()
    {
        Assert.All(WriteAll(Write("a", 1, 3)), Assert.Null);
        using var second = Reopen();

        var intruder = new AtomicWrite([Event("a", 3, "intruder-3") with { Writer = "writer-b" }, Event("a", 4, "intruder-4") with { Writer = "writer-b" }]);
        var results = second.WriteMessagesAsync([intruder, new AtomicWrite(Event("b", 1) with { Writer = "writer-b" })]).GetAwaiter().GetResult();

        Assert.Contains("a#3", Assert.IsType<WriteRejectedException>(results[0]).Message, StringComparison.Ordinal);
        Assert.Null(results[1]);
        Assert.Equal(["a-1", "a-2", "a-3"], Replay("a").Select(e => Encoding.UTF8.GetString(e.Payload.Span)));
        Assert.All(Replay("a"), e => Assert.Equal("writer-a", e.Writer));
        Assert.Equal(3, Store.ReadHighestSequenceNrAsync("a", 0).GetAwaiter().GetResult());

        // Both writers race for a#4: the first to commit wins, the other is told so.
        Assert.Null(WriteAll(Write("a", 4, 4))[0]);
        Assert.IsType<WriteRejectedException>(second.WriteMessagesAsync([new AtomicWrite(Event("a", 4, "late") with { Writer = "writer-b" })]).GetAwaiter().GetResult()[0]);
        Assert.Equal("a-4", Encoding.UTF8.GetString(Replay("a")[3].Payload.Span));
    }

    [ContractFact]
    public void Events_of_a_newer_unknown_manifest_fail_replay_naming_the_manifest()
    {
        WriteAll(Encoded(VersionedEvents.CurrentBuild(), "host-0/block-1", 1, new VersionedEvents.BlockOnlined(1, "Normal", 10)));
        WriteAll(Encoded(VersionedEvents.NewerBuild(), "host-0/block-1", 2, new VersionedEvents.BlockOnlined(1, "Normal", 20)));
        _store!.Dispose();
        _store = Reopen();

        var seen = new List<object>();
        var ex = Assert.Throws<JournalException>(() => ReplayDecoded(VersionedEvents.CurrentBuild(), "host-0/block-1", seen));

        Assert.StartsWith("host-0/block-1#2: unknown manifest 'BlockOnlined.v3'", ex.Message, StringComparison.Ordinal);
        Assert.Single(seen);
    }

    [ContractFact]
    public void Events_written_under_an_older_manifest_version_still_decode()
    {
        var older = VersionedEvents.OlderBuild();
        WriteAll(Encoded(older, "host-0/block-2", 1, new VersionedEvents.BlockOnlined(2, "Movable", 0)));
        WriteAll(Encoded(older, "host-0/block-2", 2, new VersionedEvents.BlockOnlined(2, "Normal", 0)));
        _store!.Dispose();
        _store = Reopen();
        var current = VersionedEvents.CurrentBuild();
        WriteAll(Encoded(current, "host-0/block-2", 3, new VersionedEvents.BlockOnlined(2, "Movable", 5)));

        var decoded = ReplayDecoded(current, "host-0/block-2");

        Assert.Equal(["BlockOnlined.v1", "BlockOnlined.v1", "BlockOnlined.v2"], Replay("host-0/block-2").Select(e => e.Manifest));
        Assert.Equal(
            [new VersionedEvents.BlockOnlined(2, "Movable", VersionedEvents.V1DefaultPages), new VersionedEvents.BlockOnlined(2, "Normal", VersionedEvents.V1DefaultPages), new VersionedEvents.BlockOnlined(2, "Movable", 5)],
            decoded.Cast<VersionedEvents.BlockOnlined>());
    }

    public void Dispose()
    {
        _store?.Dispose();
        Cleanup();
        GC.SuppressFinalize(this);
    }

    /// <summary>Removes what <see cref="CreateStore"/> made.</summary>
    protected abstract void Cleanup();
}
