using System.Runtime.InteropServices;
using HotplugCluster.Persistence.Journal;
using Microsoft.Data.Sqlite;

namespace HotplugCluster.Persistence.Sqlite;

/// <summary>
/// The embedded journal and snapshot store: one SQLite file in WAL mode. A batch of writes from many actors
/// is one transaction; a write whose sequence numbers are taken is rejected alone. Calls complete
/// synchronously and are serialised, so one instance may be shared across threads.
/// </summary>
/// <remarks>
/// Layout: Akka.Persistence.Sql's columns, but the table is clustered on its unique key, in the order
/// (sequence_nr, persistence_id), with <c>ordering</c> a unique column the journal assigns. A batch that advances
/// many streams by one event then dirties a few adjacent pages instead of one index page per stream (SQLite writes
/// every dirty page whole into the WAL at each commit: with the key on persistence_id first that was about
/// 2.8 KB of WAL per 100-byte event at 1000 streams per batch), and a replay reads each event with one probe of
/// the table itself. Per-stream facts (highest sequence number, deleted prefix, live event count) live in
/// <c>event_stream</c>, kept in the same transaction as the events.
/// Durability: WAL with <c>synchronous = NORMAL</c>; a committed batch survives a killed process, but an
/// operating-system crash or power loss may lose the last batches committed before it (never corrupt the file).
/// </remarks>
public sealed partial class SqliteJournal : IJournalStore
{
    /// <summary>
    /// The per-connection settings the journal runs with, for anyone measuring SQLite beside it (the raw-insert
    /// baseline of <c>hotplug bench journal</c> applies exactly these). The WAL is checkpointed every 8192 pages
    /// (32 MiB) rather than SQLite's 1000: the pages every batch touches (the stream table, the table's tail) are
    /// then copied into the database file, and fsynced, less often.
    /// </summary>
    public const string ConnectionPragmas = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768; PRAGMA wal_autocheckpoint = 8192; PRAGMA busy_timeout = 5000;";

    /// <summary>The layout version stored in <c>PRAGMA user_version</c>; 0 is the first layout (rowid table keyed on persistence_id first, no stream table).</summary>
    internal const int SchemaVersion = 2;

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly NativeStatement _begin;
    private readonly NativeStatement _commit;
    private readonly NativeStatement _rollback;
    private readonly NativeStatement _maxOrdering;
    private readonly NativeStatement _insert;
    private readonly NativeStatement _insertTag;
    private readonly NativeStatement _upsertStream;
    private readonly NativeStatement _upsertStreams;
    private readonly List<(string PersistenceId, long Highest, long Count)> _streamUpdates = [];
    private readonly NativeStatement _undoTags;
    private readonly NativeStatement _undoEvents;
    private readonly NativeStatement _stream;
    private readonly NativeStatement _replayDense;
    private readonly NativeStatement _replaySparse;
    private readonly NativeStatement _prefixStreams;
    private readonly NativeStatement _prefixDense;
    private readonly NativeStatement _prefixSparse;
    private readonly ReprReader _reprReader = new();
    private readonly TextCache _ids = new();
    private long _nextOrdering;
    private bool _disposed;

    private SqliteJournal(SqliteConnection connection)
    {
        _connection = connection;
        _begin = new NativeStatement(connection, "BEGIN IMMEDIATE");
        _commit = new NativeStatement(connection, "COMMIT");
        _rollback = new NativeStatement(connection, "ROLLBACK");
        _maxOrdering = new NativeStatement(connection, $"SELECT COALESCE(MAX(ordering), 0) FROM {JournalSchema.Journal}");
        _insert = new NativeStatement(connection,
            $"INSERT INTO {JournalSchema.Journal} (persistence_id, sequence_nr, timestamp, manifest, payload, writer, ordering) " +
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING");
        _insertTag = new NativeStatement(connection,
            $"INSERT INTO {JournalSchema.Tags} (ordering_id, tag, persistence_id, sequence_nr) VALUES (?1, ?2, ?3, ?4)");
        _upsertStream = new NativeStatement(connection, UpsertStreamsSql(1));
        _upsertStreams = new NativeStatement(connection, UpsertStreamsSql(StreamRowsPerUpsert));
        _undoTags = new NativeStatement(connection, $"DELETE FROM {JournalSchema.Tags} WHERE ordering_id BETWEEN ?1 AND ?2");
        _undoEvents = new NativeStatement(connection, $"DELETE FROM {JournalSchema.Journal} WHERE ordering BETWEEN ?1 AND ?2");
        _stream = new NativeStatement(connection,
            $"SELECT highest_sequence_nr, deleted_to, event_count FROM {JournalSchema.Streams} WHERE persistence_id = ?1");

        // One index probe per sequence number, in order (CROSS JOIN keeps the counter as the outer loop).
        _replayDense = new NativeStatement(connection,
            $"WITH RECURSIVE s(n) AS (SELECT ?2 UNION ALL SELECT n + 1 FROM s WHERE n < ?3) " +
            $"SELECT j.{JournalSchema.ReplayColumns.Replace(", ", ", j.", StringComparison.Ordinal)}, j.ordering " +
            $"FROM s CROSS JOIN {JournalSchema.Journal} j WHERE j.sequence_nr = s.n AND j.persistence_id = ?1 AND j.deleted = 0 LIMIT ?4");

        // For a stream whose numbers are sparse (never the case for persistent actors): scan the range instead.
        _replaySparse = new NativeStatement(connection,
            $"SELECT {JournalSchema.ReplayColumns}, ordering FROM {JournalSchema.Journal} " +
            "WHERE sequence_nr BETWEEN ?2 AND ?3 AND persistence_id = ?1 AND deleted = 0 ORDER BY sequence_nr LIMIT ?4");

        // The streams under a prefix are the ids in [?1, ?2) (an upper bound the caller derives from the prefix).
        _prefixStreams = new NativeStatement(connection,
            $"SELECT COALESCE(MIN(deleted_to), 0) + 1, COALESCE(MAX(highest_sequence_nr), 0), COALESCE(SUM(event_count), 0) " +
            $"FROM {JournalSchema.Streams} WHERE persistence_id >= ?1 AND persistence_id < ?2");

        // Every stream under the prefix at once: per sequence number one seek to (n, ?1), then the rows of that
        // number whose ids fall in [?1, ?2) lie next to each other, so the whole run reads almost sequentially.
        _prefixDense = new NativeStatement(connection,
            $"WITH RECURSIVE s(n) AS (SELECT ?3 UNION ALL SELECT n + 1 FROM s WHERE n < ?4) " +
            $"SELECT j.{JournalSchema.ReplayColumns.Replace(", ", ", j.", StringComparison.Ordinal)}, j.ordering, j.persistence_id " +
            $"FROM s CROSS JOIN {JournalSchema.Journal} j WHERE j.sequence_nr = s.n AND j.persistence_id >= ?1 AND j.persistence_id < ?2 AND j.deleted = 0");
        _prefixSparse = new NativeStatement(connection,
            $"SELECT {JournalSchema.ReplayColumns}, ordering, persistence_id FROM {JournalSchema.Journal} " +
            "WHERE sequence_nr BETWEEN ?3 AND ?4 AND persistence_id >= ?1 AND persistence_id < ?2 AND deleted = 0");
    }

    /// <summary>The file this journal writes.</summary>
    public string DataSource => _connection.DataSource;

    /// <summary>
    /// Opens (creating if needed) the journal named by <paramref name="connectionString"/>: an ADO.NET string
    /// (<c>Data Source=data/hotplug.db</c>) or a bare file path. The file's folder is created.
    /// </summary>
    public static SqliteJournal Open(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = connectionString.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(connectionString)
            : new SqliteConnectionStringBuilder { DataSource = connectionString };
        builder.Pooling = false;
        if (builder.DataSource is { Length: > 0 } path && path != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir)
        {
            Directory.CreateDirectory(dir);
        }

        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, ConnectionPragmas);
            Migrate(connection, builder.DataSource);
            return new SqliteJournal(connection);
        }
        catch (Exception ex) when (ex is SqliteException or JournalException)
        {
            connection.Dispose();
            if (ex is JournalException)
            {
                throw;
            }

            throw new JournalException($"{builder.DataSource}: cannot open the SQLite journal: {ex.Message}", ex);
        }
    }

    private static void Migrate(SqliteConnection connection, string dataSource)
    {
        var version = Scalar(connection, "PRAGMA user_version");
        if (version > SchemaVersion)
        {
            throw new JournalException($"{dataSource}: the journal has layout version {version}, written by a newer build; this build knows versions up to {SchemaVersion}.");
        }

        if (version == SchemaVersion)
        {
            return;
        }

        Execute(connection, "BEGIN IMMEDIATE");
        var hadJournal = Scalar(connection, $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{JournalSchema.Journal}'") > 0;
        if (hadJournal)
        {
            // Layout 0: move the rows into the clustered table (keeping their ordering) and derive the streams.
            Execute(connection, $"ALTER TABLE {JournalSchema.Journal} RENAME TO {JournalSchema.Journal}_v0");
        }

        Execute(connection, SchemaSql);
        if (hadJournal)
        {
            Execute(connection, $"""
                INSERT INTO {JournalSchema.Journal} (ordering, persistence_id, sequence_nr, timestamp, manifest, payload, writer, deleted)
                  SELECT ordering, persistence_id, sequence_nr, timestamp, manifest, payload, writer, deleted FROM {JournalSchema.Journal}_v0;
                DROP TABLE {JournalSchema.Journal}_v0;
                INSERT OR REPLACE INTO {JournalSchema.Streams} (persistence_id, highest_sequence_nr, deleted_to, event_count)
                  SELECT persistence_id, MAX(sequence_nr), COALESCE(MIN(CASE WHEN deleted = 0 THEN sequence_nr END) - 1, MAX(sequence_nr)), SUM(deleted = 0)
                  FROM {JournalSchema.Journal} GROUP BY persistence_id;
                """);
        }

        Execute(connection, $"PRAGMA user_version = {SchemaVersion}; COMMIT;");
    }

    private const string SchemaSql = $"""
        -- ordering: assigned by the writer as MAX(ordering) + 1 inside its write transaction, so it is commit order.
        CREATE TABLE IF NOT EXISTS {JournalSchema.Journal} (
          ordering INTEGER NOT NULL UNIQUE,
          persistence_id TEXT NOT NULL,
          sequence_nr INTEGER NOT NULL,
          timestamp INTEGER NOT NULL,
          manifest TEXT NOT NULL,
          payload BLOB NOT NULL,
          writer TEXT NOT NULL,
          deleted INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (sequence_nr, persistence_id)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS {JournalSchema.Streams} (
          persistence_id TEXT PRIMARY KEY,
          highest_sequence_nr INTEGER NOT NULL,
          deleted_to INTEGER NOT NULL DEFAULT 0,
          event_count INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS {JournalSchema.Tags} (
          ordering_id INTEGER NOT NULL,
          tag TEXT NOT NULL,
          persistence_id TEXT NOT NULL,
          sequence_nr INTEGER NOT NULL,
          PRIMARY KEY (ordering_id, tag));
        CREATE INDEX IF NOT EXISTS {JournalSchema.Tags}_by_tag ON {JournalSchema.Tags} (tag, ordering_id);
        CREATE TABLE IF NOT EXISTS {JournalSchema.Snapshots} (
          persistence_id TEXT NOT NULL,
          sequence_nr INTEGER NOT NULL,
          timestamp INTEGER NOT NULL,
          manifest TEXT NOT NULL,
          payload BLOB NOT NULL,
          PRIMARY KEY (persistence_id, sequence_nr));
        """;

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var statement in new[] { _begin, _commit, _rollback, _maxOrdering, _insert, _insertTag, _upsertStream, _upsertStreams, _undoTags, _undoEvents, _stream, _replayDense, _replaySparse, _prefixStreams, _prefixDense, _prefixSparse })
            {
                statement.Dispose();
            }

            _connection.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // Stream rows are upserted a batch at a time, many per statement: one statement per row cost about as much as
    // the event insert itself. Rows are applied in order, so a stream twice in one statement still adds up.
    private const int StreamRowsPerUpsert = 50;

    private static string UpsertStreamsSql(int rows) =>
        $"INSERT INTO {JournalSchema.Streams} (persistence_id, highest_sequence_nr, event_count) VALUES " +
        string.Join(", ", Enumerable.Range(0, rows).Select(r => $"(?{(3 * r) + 1}, ?{(3 * r) + 2}, ?{(3 * r) + 3})")) +
        " ON CONFLICT (persistence_id) DO UPDATE SET highest_sequence_nr = max(highest_sequence_nr, excluded.highest_sequence_nr), " +
        "event_count = event_count + excluded.event_count";

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static byte[] AsArray(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
