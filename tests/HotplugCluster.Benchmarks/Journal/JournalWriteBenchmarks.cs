using BenchmarkDotNet.Attributes;
using HotplugCluster.Bench.Journal;
using HotplugCluster.Persistence.Sqlite;

namespace HotplugCluster.Benchmarks.Journal;

/// <summary>
/// SQLite batched journal writes (batches of one event from each of 1000 actors, one transaction each) against
/// the raw-insert baseline: the same rows by a bare prepared INSERT loop in one transaction, same table, key and
/// pragmas. Each iteration writes into a fresh file.
/// </summary>
[MemoryDiagnoser]
public class JournalWriteBenchmarks
{
    private const int Events = 200_000;
    private readonly JournalWorkload _workload = new(Events);
    private string _dir = "";
    private string _file = "";
    private SqliteJournal? _journal;

    [GlobalSetup]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("hotplug-bdn-journal-").FullName;

    [IterationSetup(Target = nameof(JournalBatchedWrite))]
    public void OpenJournal()
    {
        _file = NewFile();
        _journal = SqliteJournal.Open(_file);
    }

    [IterationSetup(Target = nameof(RawInsertBaseline))]
    public void ChooseRawFile() => _file = NewFile();

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public void RawInsertBaseline() => _workload.RawInsert(_file);

    [Benchmark(OperationsPerInvoke = Events)]
    public void JournalBatchedWrite() => _workload.WriteAll(_journal!);

    [IterationCleanup]
    public void CloseJournal()
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
