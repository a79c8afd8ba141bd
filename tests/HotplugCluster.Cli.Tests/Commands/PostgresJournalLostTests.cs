using Npgsql;
using Xunit;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary>
/// A recording run whose PostgreSQL server ends its session mid-run: one line naming the server and the lost
/// connection, exit 1, and the run stays listed as unfinished. The session is ended the way a stopping server ends it
/// (SIGTERM to the backend, SQLSTATE 57P01), by a trigger on the tag table that terminates its own backend, so it
/// happens at the run's first batch of kernel events, after its RunStarted.
/// </summary>
public sealed class PostgresJournalLostTests
{
    [PostgresFact]
    public void A_run_whose_server_ends_the_session_mid_run_names_the_server_and_the_lost_connection()
    {
        using var schema = new PostgresSchema();
        using (HotplugCluster.Persistence.Journal.Journals.Open(schema.ConnectionString))
        {
            // Creates the journal's tables in the schema.
        }

        PostgresSchema.Execute($"""
            CREATE FUNCTION {schema.Name}.end_session() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END $$;
            CREATE TRIGGER end_session BEFORE INSERT ON {schema.Name}.event_tag FOR EACH STATEMENT EXECUTE FUNCTION {schema.Name}.end_session();
            """);

        var (code, output) = CliRunner.Run("run", "ROOT/config/scenarios/quickstart.conf", "--journal", schema.ConnectionString);

        var server = new NpgsqlConnectionStringBuilder(PostgresSchema.Server);
        Assert.Equal(1, code);
        Assert.Matches(
            $@"^error: lost the connection to the PostgreSQL journal at {server.Host}:{server.Port}/{server.Database} while writing a batch of \d+ writes: terminating connection due to administrator command\n$",
            output);
        PostgresSchema.Execute($"DROP TRIGGER end_session ON {schema.Name}.event_tag");
        var (listCode, list) = CliRunner.Run("journal", "list", "--journal", schema.ConnectionString);
        Assert.Equal(0, listCode);
        Assert.Matches(@"\nquickstart-1 +run .* / unfinished \(running, or stopped before its end\)\n$", list);
    }
}
