using BenchmarkDotNet.Attributes;
using HotplugCluster.Bench.Journal;
using HotplugCluster.Persistence.Sqlite;

namespace HotplugCluster.Benchmarks.Journal;

/// <summary>
/// Reading back 1000 SQLite streams of 200 events each, every event decoded: all at once in journal order (what
/// <c>hotplug replay</c> does with a run) and stream by stream (what recovery of 1000 actors does).
/// </summary>
[MemoryDiagnoser]
public class JournalReplayBenchmarks
{
    private const int Events = 200_000;
    private readonly JournalWorkload _workload = new(Events);
    private string _dir = "";
    private SqliteJournal? _journal;

    [GlobalSetup]
    public void WriteJournal()
    {
        _dir = Directory.CreateTempSubdirectory("hotplug-bdn-replay-").FullName;
        _journal = SqliteJournal.Open(Path.Combine(_dir, "journal.db"));
        _workload.WriteAll(_journal);
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long ReplayRunAndDecode() => _workload.ReplayRun(_journal!);

    [Benchmark(OperationsPerInvoke = Events)]
    public long RecoverEachStreamAndDecode() => _workload.ReplayAll(_journal!);

    [GlobalCleanup]
    public void RemoveJournal()
    {
        _journal?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
