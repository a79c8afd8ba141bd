using HotplugCluster.Persistence.Journal;
using Npgsql;

namespace HotplugCluster.Persistence.Postgres;

/// <summary>
/// The journal and snapshot store on PostgreSQL. A batch is one transaction: binary COPY into a staging table,
/// then one INSERT that skips taken sequence numbers; a write that lost any event is rejected alone and its
/// other events are removed again. Calls are synchronous and serialised on one connection.
/// </summary>
public sealed partial class PostgresJournal : IJournalStore
{
    private readonly NpgsqlConnection _connection;
    private readonly Lock _gate = new();
    private NpgsqlTransaction? _snapshot;
    private int _snapshotDepth;
    private bool _disposed;

    // The server as the connection string names it: a broken connection no longer knows its host and port.
    private PostgresJournal(NpgsqlConnection connection, string dataSource)
    {
        _connection = connection;
        DataSource = dataSource;
    }

    /// <summary>The server and database this journal writes to, for messages.</summary>
    public string DataSource { get; }

    /// <summary>Opens a journal on the database named by an Npgsql connection string, creating its tables if needed.</summary>
    public static PostgresJournal Open(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        NpgsqlConnection? connection = null;
        try
        {
            connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using (var transaction = connection.BeginTransaction())
            {
                // Concurrent openers would race on CREATE TABLE IF NOT EXISTS; one at a time.
                Execute(connection, transaction, "SELECT pg_advisory_xact_lock(7411327)");
                Execute(connection, transaction, SchemaSql);
                transaction.Commit();
            }

            Execute(connection, null, StageSql);
            return new PostgresJournal(connection, Describe(connectionString));
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException)
        {
            connection?.Dispose();
            throw new JournalException($"cannot open the PostgreSQL journal ({Describe(connectionString)}): {ex.Message}", ex);
        }
    }

    private const string SchemaSql = $"""
        CREATE TABLE IF NOT EXISTS {JournalSchema.Journal} (
          ordering BIGSERIAL PRIMARY KEY,
          persistence_id TEXT NOT NULL,
          sequence_nr BIGINT NOT NULL,
          timestamp BIGINT NOT NULL,
          manifest TEXT NOT NULL,
          payload BYTEA NOT NULL,
          writer TEXT NOT NULL,
          deleted BOOLEAN NOT NULL DEFAULT FALSE,
          UNIQUE (persistence_id, sequence_nr));
        CREATE TABLE IF NOT EXISTS {JournalSchema.Tags} (
          ordering_id BIGINT NOT NULL,
          tag TEXT NOT NULL,
          persistence_id TEXT NOT NULL,
          sequence_nr BIGINT NOT NULL,
          PRIMARY KEY (ordering_id, tag));
        CREATE INDEX IF NOT EXISTS {JournalSchema.Tags}_by_tag ON {JournalSchema.Tags} (tag, ordering_id);
        CREATE TABLE IF NOT EXISTS {JournalSchema.Snapshots} (
          persistence_id TEXT NOT NULL,
          sequence_nr BIGINT NOT NULL,
          timestamp BIGINT NOT NULL,
          manifest TEXT NOT NULL,
          payload BYTEA NOT NULL,
          PRIMARY KEY (persistence_id, sequence_nr));
        """;

    private const string StageSql =
        "CREATE TEMP TABLE IF NOT EXISTS journal_stage (idx INT, persistence_id TEXT, sequence_nr BIGINT, timestamp BIGINT, " +
        "manifest TEXT, payload BYTEA, writer TEXT) ON COMMIT DELETE ROWS";

    public void Dispose()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _disposed = true;
                _connection.Dispose();
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }

    private NpgsqlCommand Command(string sql, NpgsqlTransaction? transaction = null) => new(sql, _connection, transaction);

    private static string Describe(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{builder.Host}:{builder.Port}/{builder.Database}";
        }
        catch (ArgumentException)
        {
            return "malformed connection string";
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>
    /// The error for a failed call: when the server went away (it stopped, restarted, or ended this session), one
    /// line naming the server and that the connection was lost; otherwise the server's message.
    /// </summary>
    private JournalException Failure(string doing, NpgsqlException ex) =>
        ConnectionLost(ex)
            ? new JournalException($"lost the connection to the PostgreSQL journal at {DataSource} while {doing}: {Reason(ex)}", ex)
            : new JournalException($"{DataSource}: {doing} failed: {ex.Message}", ex);

    // Class 57P is operator intervention (admin_shutdown, crash_shutdown, cannot_connect_now), 08 a connection
    // exception (PostgreSQL's errcodes.txt); without a server error, an I/O failure on the socket is a lost connection.
    private bool ConnectionLost(NpgsqlException ex) =>
        ex is PostgresException { SqlState: var state } ? state.StartsWith("57P", StringComparison.Ordinal) || state.StartsWith("08", StringComparison.Ordinal)
            : ex.InnerException is IOException or System.Net.Sockets.SocketException or EndOfStreamException || _connection.FullState.HasFlag(System.Data.ConnectionState.Broken);

    private static string Reason(NpgsqlException ex) =>
        ex is PostgresException { MessageText: var text } ? text
            : ex.InnerException is { Message: var inner } ? inner
            : ex.Message;
}
