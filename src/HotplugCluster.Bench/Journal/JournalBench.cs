using System.Diagnostics;
using HotplugCluster.Bench.Akka;
using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Postgres;
using HotplugCluster.Persistence.Sqlite;

namespace HotplugCluster.Bench.Journal;

/// <summary>
/// The journal quick benchmark: batched journal writes next to a bare prepared INSERT loop of the same row shape
/// in the same run, replay of the whole journal as <c>hotplug replay</c> reads a run and recovery stream by stream as
/// persistent actors do (both decoding every event), Akka.Persistence.Sql on the same events, and PostgreSQL when a
/// server is given. Every figure is the median of <see cref="Runs"/> runs, each on a fresh file, with its min and max.
/// </summary>
public static class JournalBench
{
    private const int WarmupEvents = 20_000;

    /// <summary>Timed runs per figure.</summary>
    public const int Runs = 5;

    /// <summary>Events per measurement: 200k with <c>--quick</c>, 1M otherwise.</summary>
    public static int DefaultEvents(bool quick) => quick ? 200_000 : 1_000_000;

    /// <summary>Akka.Persistence.Sql's shape: 1000 actors × 100 events, or 200 × 25 with <c>--quick</c> (its runs then take seconds, not minutes).</summary>
    public static (int Actors, int Events) DefaultAkkaShape(bool quick) => quick ? (200, 25) : (1000, 100);

    public static IReadOnlyDictionary<string, double> Run(int events, (int Actors, int Events) akka, string? postgres, string workDir)
    {
        var workload = new JournalWorkload(events);
        var results = new SortedDictionary<string, double>(StringComparer.Ordinal);
        Directory.CreateDirectory(workDir);
        var tag = $"{Environment.ProcessId}-{Stopwatch.GetTimestamp()}";
        try
        {
            // Warm-up on a small run of the same workload, so the timed runs measure compiled code rather than
            // the JIT's first tier (BenchmarkDotNet warms up the same way; without it replay read 2-3x slower).
            var warmup = new JournalWorkload(Math.Min(events, WarmupEvents));
            warmup.RawInsert(Path.Combine(workDir, $"warmup-raw-{tag}.db"));
            WarmUp(warmup, SqliteJournal.Open(Path.Combine(workDir, $"warmup-journal-{tag}.db")));

            var raw = new List<double>();
            Ours(results, "sqlite", "", run =>
            {
                raw.Add(Rate(events, () => workload.RawInsert(Path.Combine(workDir, $"raw{run}-{tag}.db"))));
                return (workload, SqliteJournal.Open(Path.Combine(workDir, $"journal{run}-{tag}.db")));
            });
            Figure.Of(raw).AddTo(results, "sqlite_raw_insert_rows_per_s");

            AkkaSql(results, "akka_sql", run => AkkaSqlJournal.Sqlite(Path.Combine(workDir, $"akka{run}-{tag}.db")), akka, $"bench-{tag}/");

            if (postgres is not null)
            {
                // One server for every run, each on fresh stream names, so a server used before still accepts every write.
                WarmUp(new JournalWorkload(Math.Min(events, WarmupEvents), $"bench-{tag}/warm/"), PostgresJournal.Open(postgres));
                Ours(results, "postgres", "postgres_", run => (new JournalWorkload(events, $"bench-{tag}/{run}/"), PostgresJournal.Open(postgres)));
                AkkaSql(results, "akka_postgres", _ => AkkaSqlJournal.Postgres(postgres), akka, $"bench-{tag}/");
            }
        }
        finally
        {
            foreach (var file in Directory.EnumerateFiles(workDir, $"*-{tag}.db*"))
            {
                File.Delete(file);
            }
        }

        results["events"] = events;
        results["runs_per_figure"] = Runs;
        results["akka_sql_actors"] = akka.Actors;
        results["akka_sql_events_per_actor"] = akka.Events;
        return results;
    }

    private static void WarmUp(JournalWorkload workload, IJournalStore journal)
    {
        using (journal)
        {
            workload.WriteAll(journal);
            workload.ReplayAll(journal);
            workload.ReplayRun(journal);
        }
    }

    /// <summary>
    /// Our journal's writes, whole-run replay and per-stream recovery, <see cref="Runs"/> times, each run on the workload and
    /// fresh journal that <paramref name="runOf"/> gives for it; figures keyed <c>{write}write_events_per_s</c>,
    /// <c>{read}replay_events_per_s</c> and <c>{read}recovery_events_per_s</c>.
    /// </summary>
    private static void Ours(SortedDictionary<string, double> results, string write, string read, Func<int, (JournalWorkload Workload, IJournalStore Journal)> runOf)
    {
        var writes = new List<double>();
        var replay = new List<double>();
        var recovery = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var (workload, journal) = runOf(run);
            using (journal)
            {
                writes.Add(Rate(workload.Events, () => workload.WriteAll(journal)));
                replay.Add(Rate(workload.Events, () => workload.ReplayRun(journal)));
                recovery.Add(Rate(workload.Events, () => workload.ReplayAll(journal)));
            }
        }

        Figure.Of(writes).AddTo(results, $"{write}_write_events_per_s");
        Figure.Of(replay).AddTo(results, $"{read}replay_events_per_s");
        Figure.Of(recovery).AddTo(results, $"{read}recovery_events_per_s");
    }

    /// <summary>Akka.Persistence.Sql writes and recovery, <see cref="Runs"/> times after a warm-up, each run on fresh streams of <paramref name="journalOf"/> the run.</summary>
    private static void AkkaSql(SortedDictionary<string, double> results, string key, Func<int, AkkaSqlJournal> journalOf, (int Actors, int Events) shape, string prefix)
    {
        var warm = journalOf(-1);
        warm.Write($"{prefix}warm/", Math.Min(shape.Actors, 50), Math.Min(shape.Events, 10));
        warm.Recover($"{prefix}warm/", Math.Min(shape.Actors, 50), Math.Min(shape.Events, 10));
        var write = new List<double>();
        var recovery = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var journal = journalOf(run);
            write.Add(journal.Write($"{prefix}{run}/", shape.Actors, shape.Events));
            recovery.Add(journal.Recover($"{prefix}{run}/", shape.Actors, shape.Events));
        }

        Figure.Of(write).AddTo(results, $"{key}_write_events_per_s");
        Figure.Of(recovery).AddTo(results, $"{key}_recovery_events_per_s");
    }

    private static double Rate(int count, Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return count / watch.Elapsed.TotalSeconds;
    }
}
