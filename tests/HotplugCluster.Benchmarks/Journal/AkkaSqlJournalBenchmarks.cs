using BenchmarkDotNet.Attributes;
using HotplugCluster.Bench.Akka;
using HotplugCluster.Bench.Journal;
using HotplugCluster.Persistence.Sqlite;

namespace HotplugCluster.Benchmarks.Journal;

/// <summary>
/// 1000 persistent actors × 100 events on SQLite: our journal's batched writes and stream-by-stream recovery against
/// Akka.Persistence.Sql's (the baseline), each iteration on a fresh file.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class AkkaSqlJournalBenchmarks
{
    private const int Actors = 1000;
    private const int EventsPerActor = 100;
    private const int Events = Actors * EventsPerActor;
    private readonly JournalWorkload _workload = new(Events);
    private string _dir = "";
    private string _prefix = "";
    private SqliteJournal? _journal;
    private AkkaSqlJournal? _akka;

    [GlobalSetup]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("hotplug-bdn-akka-sql-").FullName;

    [IterationSetup(Targets = [nameof(AkkaSqlWrite), nameof(OurWrite)])]
    public void FreshFiles()
    {
        _akka = AkkaSqlJournal.Sqlite(NewFile());
        _journal = SqliteJournal.Open(NewFile());
        _prefix = $"bench-{Guid.NewGuid():N}/";
    }

    [IterationSetup(Targets = [nameof(AkkaSqlRecovery), nameof(OurRecovery)])]
    public void WrittenFiles()
    {
        FreshFiles();
        _akka!.Write(_prefix, Actors, EventsPerActor);
        _workload.WriteAll(_journal!);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public double AkkaSqlWrite() => _akka!.Write(_prefix, Actors, EventsPerActor);

    [Benchmark(OperationsPerInvoke = Events)]
    public void OurWrite() => _workload.WriteAll(_journal!);

    [Benchmark(OperationsPerInvoke = Events)]
    public double AkkaSqlRecovery() => _akka!.Recover(_prefix, Actors, EventsPerActor);

    [Benchmark(OperationsPerInvoke = Events)]
    public long OurRecovery() => _workload.ReplayAll(_journal!);

    [IterationCleanup]
    public void CloseFiles()
    {
        _journal?.Dispose();
        _journal = null;
        foreach (var file in Directory.EnumerateFiles(_dir))
        {
            File.Delete(file);
        }
    }

    [GlobalCleanup]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    private string NewFile() => Path.Combine(_dir, $"journal-{Guid.NewGuid():N}.db");
}
