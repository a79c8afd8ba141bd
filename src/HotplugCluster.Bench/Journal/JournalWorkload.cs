using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Serialization;
using HotplugCluster.Persistence.Sqlite;
using SQLitePCL;

namespace HotplugCluster.Bench.Journal;

/// <summary>
/// The journal benchmark workload, shared by <c>hotplug bench journal</c> and the BenchmarkDotNet suite: batches
/// of one event from each of 1000 actors (the cross-actor batching the journal actor does), replay of every
/// stream with decoding, and the raw-insert baseline.
/// </summary>
public sealed class JournalWorkload
{
    /// <summary>Actors whose events share a batch: each batch holds one event of each.</summary>
    public const int Streams = 1000;

    public JournalWorkload(int events, string prefix = "")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(events, 1);
        Events = events;
        Codec = new EventCodecRegistry().Register<SampleEvent>(
            "SampleEvent.v1",
            (e, w) =>
            {
                w.WriteInt32(e.Block);
                w.WriteString(e.Zone);
                w.WriteInt64(e.Pages);
            },
            static (ref EventReader r) => new SampleEvent(r.ReadInt32(), r.ReadString(), r.ReadInt64()));
        Prefix = prefix;
        Batches = MakeBatches();
    }

    /// <summary>An event shaped like the simulator's: a block number, a zone name and a page count.</summary>
    public sealed record SampleEvent(int Block, string Zone, long Pages);

    public int Events { get; }

    public string Prefix { get; }

    public EventCodecRegistry Codec { get; }

    public IReadOnlyList<AtomicWrite[]> Batches { get; }

    public string PersistenceId(int stream) => $"{Prefix}host-0/block-{stream}";

    /// <summary>Writes every batch; a rejected write is a broken benchmark, not a figure.</summary>
    public void WriteAll(IAsyncWriteJournal journal)
    {
        foreach (var batch in Batches)
        {
            var results = journal.WriteMessagesAsync(batch).GetAwaiter().GetResult();
            foreach (var result in results)
            {
                if (result is not null)
                {
                    throw new InvalidOperationException($"benchmark write rejected: {result.Message}");
                }
            }
        }
    }

    /// <summary>What every stream's id starts with: the host prefix, as a run's owner streams share theirs.</summary>
    public string HostPrefix => $"{Prefix}host-0/";

    /// <summary>
    /// Reads every stream back as <c>hotplug replay</c> reads a run: all streams under the host's prefix in one query,
    /// in journal order, every event decoded. Returns the number of events (checked against what was written).
    /// </summary>
    public long ReplayRun(IJournalQueries journal)
    {
        long seen = 0;
        long pages = 0;
        long last = 0;
        foreach (var envelope in journal.CurrentEventsByPersistenceIdPrefix(HostPrefix))
        {
            pages += ((SampleEvent)Codec.Decode(envelope.Event)).Pages;
            seen++;
            last = envelope.Ordering > last ? envelope.Ordering : throw new InvalidOperationException($"replay out of journal order at ordering {envelope.Ordering}");
        }

        return seen == Events && pages == (long)Events * SamplePages
            ? seen
            : throw new InvalidOperationException($"replayed {seen} events, expected {Events}");
    }

    /// <summary>
    /// Recovers every stream alone, as 1000 persistent actors recovering would (one ReplayMessages per stream), every
    /// event decoded; returns the number of events (checked against what was written).
    /// </summary>
    public long ReplayAll(IAsyncWriteJournal journal)
    {
        long seen = 0;
        long pages = 0;
        for (var i = 0; i < Math.Min(Streams, Events); i++)
        {
            journal.ReplayMessagesAsync(PersistenceId(i), 1, long.MaxValue, long.MaxValue, repr =>
            {
                pages += ((SampleEvent)Codec.Decode(repr)).Pages;
                seen++;
            }).GetAwaiter().GetResult();
        }

        return seen == Events && pages == (long)Events * SamplePages
            ? seen
            : throw new InvalidOperationException($"replayed {seen} events, expected {Events}");
    }

    /// <summary>
    /// The baseline: the same rows inserted by a bare prepared INSERT loop in one transaction, into a fresh file with
    /// the journal's table, indexes and connection pragmas, through the same SQLite C API calls the journal makes.
    /// </summary>
    public void RawInsert(string file)
    {
        using (var journal = SqliteJournal.Open(file))
        {
            // Opening creates the journal's schema in the file, so the loop pays for the same unique key.
        }

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        var db = connection.Handle!;
        Check(db, raw.sqlite3_exec(db, SqliteJournal.ConnectionPragmas));
        // The row the journal stores, its block number (the table's leading key column) included.
        Check(db, raw.sqlite3_prepare_v2(db, $"INSERT INTO event_journal (persistence_id, sequence_nr, timestamp, manifest, payload, writer, ordering, sequence_block) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?2 >> {SqliteJournal.BlockShift})", out var insert));
        using (insert)
        {
            Check(db, raw.sqlite3_exec(db, "BEGIN IMMEDIATE"));
            long ordering = 0;
            foreach (var batch in Batches)
            {
                foreach (var write in batch)
                {
                    var e = write.Events[0];
                    raw.sqlite3_bind_text16(insert, 1, e.PersistenceId.AsSpan());
                    raw.sqlite3_bind_int64(insert, 2, e.SequenceNr);
                    raw.sqlite3_bind_int64(insert, 3, e.Timestamp);
                    raw.sqlite3_bind_text16(insert, 4, e.Manifest.AsSpan());
                    raw.sqlite3_bind_blob(insert, 5, e.Payload.Span);
                    raw.sqlite3_bind_text16(insert, 6, e.Writer.AsSpan());
                    raw.sqlite3_bind_int64(insert, 7, ++ordering);
                    if (raw.sqlite3_step(insert) != raw.SQLITE_DONE)
                    {
                        Check(db, raw.SQLITE_ERROR);
                    }

                    raw.sqlite3_reset(insert);
                }
            }

            Check(db, raw.sqlite3_exec(db, "COMMIT"));
        }
    }

    /// <summary>Pages in every sample event; replay checks the sum.</summary>
    public const long SamplePages = 65536;

    private List<AtomicWrite[]> MakeBatches()
    {
        var batches = new List<AtomicWrite[]>();
        var (manifest, payload) = Codec.Encode(new SampleEvent(42, "Movable", SamplePages));
        for (var start = 0; start < Events; start += Streams)
        {
            var seq = (start / Streams) + 1;
            var batch = new AtomicWrite[Math.Min(Streams, Events - start)];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = new AtomicWrite(new PersistentRepr(PersistenceId(i), seq, manifest, payload, seq, "bench"));
            }

            batches.Add(batch);
        }

        return batches;
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"raw insert baseline: SQLite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}");
        }
    }
}
