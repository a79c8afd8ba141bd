using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Postgres;
using HotplugCluster.Persistence.Tests.Journal;
using Npgsql;
using Xunit;

namespace HotplugCluster.Persistence.Tests.Postgres;

/// <summary>The contract against a real server; .ci/run starts one and sets the variable.</summary>
[RequiresEnvironment(Variable, "no PostgreSQL server to test against (.ci/run starts one; locally: source .ci/postgres)")]
public sealed class PostgresJournalTests : SqlJournalContractTests
{
    public const string Variable = "HOTPLUG_TEST_POSTGRES";

    // Each test gets its own schema, so tests never see each other's rows.
    private readonly string _schema = $"t_{Environment.ProcessId}_{Interlocked.Increment(ref s_counter)}";
    private static int s_counter;

    private static string Server => Environment.GetEnvironmentVariable(Variable)!;

    private string ConnectionString => $"{Server};Search Path={_schema}";

    protected override IJournalStore CreateStore()
    {
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE; CREATE SCHEMA {_schema}", connection);
        command.ExecuteNonQuery();
        return PostgresJournal.Open(ConnectionString);
    }

    protected override IJournalStore Reopen() => PostgresJournal.Open(ConnectionString);

    protected override void CorruptPayload(string persistenceId, long sequenceNr, int byteIndex)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            "UPDATE event_journal SET payload = set_byte(payload, @i, get_byte(payload, @i) # 4) WHERE persistence_id = @pid AND sequence_nr = @seq", connection);
        command.Parameters.AddWithValue("i", byteIndex);
        command.Parameters.AddWithValue("pid", persistenceId);
        command.Parameters.AddWithValue("seq", sequenceNr);
        if (command.ExecuteNonQuery() != 1)
        {
            throw new InvalidOperationException($"no row {persistenceId}#{sequenceNr} to corrupt");
        }
    }

    [ContractFact]
    public void A_call_after_the_server_ended_the_session_names_the_server_and_the_lost_connection()
    {
        _ = Store;
        var application = $"hotplug-{_schema}";
        using var journal = PostgresJournal.Open($"{ConnectionString};Application Name={application}");
        using (var admin = new NpgsqlConnection(Server))
        {
            admin.Open();
            using var terminate = new NpgsqlCommand("SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = @app) t", admin);
            terminate.Parameters.AddWithValue("app", application);
            Assert.Equal(1L, terminate.ExecuteScalar());
        }

        var ex = Assert.Throws<JournalException>(() => journal.WriteMessages([Write("a", 1, 1)]));

        var server = new NpgsqlConnectionStringBuilder(Server);
        Assert.StartsWith($"lost the connection to the PostgreSQL journal at {server.Host}:{server.Port}/{server.Database} while writing a batch of 1 writes: ", ex.Message, StringComparison.Ordinal);
        Assert.Equal($"{server.Host}:{server.Port}/{server.Database}", journal.DataSource);
    }

    protected override void Cleanup()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            return;
        }

        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
        command.ExecuteNonQuery();
    }
}
