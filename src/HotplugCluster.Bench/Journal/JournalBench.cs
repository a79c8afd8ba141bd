using System.Diagnostics;
using HotplugCluster.Persistence.Postgres;
using HotplugCluster.Persistence.Sqlite;

namespace HotplugCluster.Bench.Journal;

/// <summary>
/// The journal quick benchmark: batched journal writes next to a bare prepared INSERT loop of the same row shape
/// in the same run, replay of the whole journal as <c>hotplug replay</c> reads a run and recovery stream by stream as
/// persistent actors do (both decoding every event), and PostgreSQL writes when a server is given.
/// </summary>
public static class JournalBench
{
    private const int WarmupEvents = 20_000;

    /// <summary>Events per measurement: 200k with <c>--quick</c>, 1M otherwise.</summary>
    public static int DefaultEvents(bool quick) => quick ? 200_000 : 1_000_000;

    public static IReadOnlyDictionary<string, double> Run(int events, string? postgres, string workDir)
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
            using (var journal = SqliteJournal.Open(Path.Combine(workDir, $"warmup-journal-{tag}.db")))
            {
                warmup.WriteAll(journal);
                warmup.ReplayAll(journal);
                warmup.ReplayRun(journal);
            }

            var rawFile = Path.Combine(workDir, $"raw-{tag}.db");
            results["sqlite_raw_insert_rows_per_s"] = Rate(events, () => workload.RawInsert(rawFile));

            using (var journal = SqliteJournal.Open(Path.Combine(workDir, $"journal-{tag}.db")))
            {
                results["sqlite_write_events_per_s"] = Rate(events, () => workload.WriteAll(journal));
                results["replay_events_per_s"] = Rate(events, () => workload.ReplayRun(journal));
                results["recovery_events_per_s"] = Rate(events, () => workload.ReplayAll(journal));
            }

            if (postgres is not null)
            {
                // Fresh stream names, so a server used before still accepts every write.
                var fresh = new JournalWorkload(events, $"bench-{tag}/");
                using var journal = PostgresJournal.Open(postgres);
                results["postgres_write_events_per_s"] = Rate(events, () => fresh.WriteAll(journal));
                results["postgres_replay_events_per_s"] = Rate(events, () => fresh.ReplayRun(journal));
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
        return results;
    }

    /// <summary>Timed runs per SQLite figure; the best is reported.</summary>
    public const int Runs = 5;

    private static double Best(Func<int, double> run) => Enumerable.Range(0, Runs).Max(run);

    private static double Rate(int count, Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return Math.Round(count / watch.Elapsed.TotalSeconds);
    }
}
