using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using HotplugCluster.Bench.Journal;
using HotplugCluster.Persistence.Postgres;
using Npgsql;

namespace HotplugCluster.Benchmarks.Journal;

/// <summary>
/// PostgreSQL batched journal writes (binary COPY, one transaction per batch of 1000 actors' events) on the server
/// named by HOTPLUG_TEST_POSTGRES, in a schema of its own that is dropped afterwards. Without the variable the
/// benchmark is filtered out and a message says why.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RequiresPostgresConfig))]
public class JournalPostgresWriteBenchmarks
{
    public const string Variable = "HOTPLUG_TEST_POSTGRES";
    private const int Events = 100_000;
    private readonly string _schema = $"hotplug_bench_{Environment.ProcessId}";
    private JournalWorkload? _workload;
    private PostgresJournal? _journal;
    private int _iteration;

    private static string Server => Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException($"{Variable} is not set.");

    [GlobalSetup]
    public void CreateSchema()
    {
        Execute($"DROP SCHEMA IF EXISTS {_schema} CASCADE; CREATE SCHEMA {_schema}");
        _journal = PostgresJournal.Open($"{Server};Search Path={_schema}");
    }

    // Fresh stream names each iteration, so every write is accepted.
    [IterationSetup]
    public void NewStreams() => _workload = new JournalWorkload(Events, $"it-{_iteration++}/");

    [Benchmark(OperationsPerInvoke = Events)]
    public void PostgresBatchedWrite() => _workload!.WriteAll(_journal!);

    [GlobalCleanup]
    public void DropSchema()
    {
        _journal?.Dispose();
        Execute($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Filters the class out, with a message, when no PostgreSQL server is given.</summary>
    public sealed class RequiresPostgresConfig : ManualConfig
    {
        private static int s_told;

        public RequiresPostgresConfig()
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
            {
                // BenchmarkDotNet builds the config more than once; say it once.
                if (Interlocked.Exchange(ref s_told, 1) == 0)
                {
                        Console.WriteLine($"// {nameof(JournalPostgresWriteBenchmarks)} skipped: {Variable} is not set (source .ci/postgres starts a throw-away server).");
                }

                AddFilter(new SimpleFilter(_ => false));
            }
        }
    }
}
