using System.Diagnostics;
using System.Runtime.InteropServices;
using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Postgres;
using HotplugCluster.Persistence.Serialization;
using HotplugCluster.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace HotplugCluster.Cli.Journal;

/// <summary>
/// The journal quick benchmark: batched journal writes next to a bare prepared INSERT loop of the same row shape
/// in the same run, replay with decoding, and PostgreSQL writes when a server is given.
/// </summary>
internal static class JournalBench
{
    private static readonly string[] RawInsertParameterNames = ["$p", "$s", "$t", "$m", "$b", "$w"];

    private const int Streams = 1000;

    private sealed record SampleEvent(int Block, string Zone, long Pages);

    public static IReadOnlyDictionary<string, double> Run(bool quick, string? postgres, string workDir)
    {
        var events = quick ? 200_000 : 1_000_000;
        var codec = new EventCodecRegistry().Register<SampleEvent>(
            "SampleEvent.v1",
            (e, w) =>
            {
                w.WriteInt32(e.Block);
                w.WriteString(e.Zone);
                w.WriteInt64(e.Pages);
            },
            static (ref EventReader r) => new SampleEvent(r.ReadInt32(), r.ReadString(), r.ReadInt64()));
        var batches = MakeBatches(codec, events);
        var results = new SortedDictionary<string, double>(StringComparer.Ordinal);
        Directory.CreateDirectory(workDir);

        var rawFile = Path.Combine(workDir, $"raw-{Environment.ProcessId}.db");
        results["sqlite_raw_insert_rows_per_s"] = Rate(events, () => RawInsert(rawFile, batches));

        var journalFile = Path.Combine(workDir, $"journal-{Environment.ProcessId}.db");
        using (var journal = SqliteJournal.Open(journalFile))
        {
            results["sqlite_write_events_per_s"] = Rate(events, () => WriteAll(journal, batches));
            results["replay_events_per_s"] = Rate(events, () => ReplayAll(journal, codec, events));
        }

        if (postgres is not null)
        {
            using var journal = PostgresJournal.Open(postgres);
            var fresh = MakeBatches(codec, events, $"bench-{Environment.ProcessId}-{DateTime.UtcNow.Ticks}/");
            results["postgres_write_events_per_s"] = Rate(events, () => WriteAll(journal, fresh));
        }

        foreach (var file in Directory.EnumerateFiles(workDir, $"*-{Environment.ProcessId}.db*"))
        {
            File.Delete(file);
        }

        results["events"] = events;
        return results;
    }

    // One batch holds one single-event write from each of 1000 actors: the cross-actor batching the journal actor does.
    private static List<AtomicWrite[]> MakeBatches(EventCodecRegistry codec, int events, string prefix = "")
    {
        var batches = new List<AtomicWrite[]>();
        var (manifest, payload) = codec.Encode(new SampleEvent(42, "Movable", 65536));
        for (var start = 0; start < events; start += Streams)
        {
            var seq = (start / Streams) + 1;
            batches.Add([.. Enumerable.Range(0, Math.Min(Streams, events - start))
                .Select(i => new AtomicWrite(new PersistentRepr($"{prefix}host-0/block-{i}", seq, manifest, payload, seq, "bench")))]);
        }

        return batches;
    }

    private static void WriteAll(IAsyncWriteJournal journal, List<AtomicWrite[]> batches)
    {
        foreach (var batch in batches)
        {
            var results = journal.WriteMessagesAsync(batch).GetAwaiter().GetResult();
            if (results.FirstOrDefault(r => r is not null) is { } rejected)
            {
                throw new InvalidOperationException($"benchmark write rejected: {rejected.Message}");
            }
        }
    }

    private static void ReplayAll(SqliteJournal journal, EventCodecRegistry codec, int events)
    {
        long seen = 0;
        for (var i = 0; i < Streams; i++)
        {
            journal.ReplayMessages($"host-0/block-{i}", 1, long.MaxValue, long.MaxValue, repr =>
            {
                _ = codec.Decode(repr);
                seen++;
            });
        }

        if (seen != events)
        {
            throw new InvalidOperationException($"replayed {seen} events, expected {events}");
        }
    }

    private static void RawInsert(string file, List<AtomicWrite[]> batches)
    {
        using (SqliteJournal.Open(file))
        {
            // Creates the same schema, so the raw loop pays for the same unique index.
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO event_journal (persistence_id, sequence_nr, timestamp, manifest, payload, writer) VALUES ($p, $s, $t, $m, $b, $w)";
        var p = RawInsertParameterNames.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        foreach (var e in batches.SelectMany(b => b).Select(w => w.Events[0]))
        {
            p[0].Value = e.PersistenceId;
            p[1].Value = e.SequenceNr;
            p[2].Value = e.Timestamp;
            p[3].Value = e.Manifest;
            p[4].Value = MemoryMarshal.TryGetArray(e.Payload, out var segment) ? segment.Array : e.Payload.ToArray();
            p[5].Value = e.Writer;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static double Rate(int count, Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return Math.Round(count / watch.Elapsed.TotalSeconds);
    }
}
