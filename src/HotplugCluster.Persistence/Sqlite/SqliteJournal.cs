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
/// Layout: Akka.Persistence.Sql's columns plus <c>sequence_block</c> (sequence_nr &gt;&gt; <see cref="BlockShift"/>), the
/// table clustered on (sequence_block, persistence_id, sequence_nr), with <c>ordering</c> a unique column the journal
/// assigns. A batch that advances many streams by one event then dirties a narrow band of adjacent pages instead of
/// one index page per stream (SQLite writes every dirty page whole into the WAL at each commit: with the key on
/// persistence_id first that was about 2.8 KB of WAL per 100-byte event at 1000 streams per batch), and a stream's
/// events lie together four at a time, so recovering it seeks once per four events. Per-stream facts (highest sequence number, deleted prefix, live event count) live in
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
    /// then copied into the database file, and fsynced, less often. The busy timeout comes first and is long: two
    /// runs recording into one file take turns at its write lock (a batch holds it for milliseconds), and two
    /// processes opening a new file at once both switch it to WAL; either must wait for the other, never fail.
    /// Reads map the file (<see cref="MmapPragma"/>).
    /// </summary>
    public const string ConnectionPragmas = "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768; PRAGMA wal_autocheckpoint = 8192; " + MmapPragma;

    /// <summary>
    /// Pages are read through a memory map of the first GiB of the file instead of being copied by read() into the
    /// page cache: a reader of a file larger than the 32 MiB cache (a million-event run is ~110 MB) then pays neither
    /// the copy nor the cache's lookups (at 1M events, 1M recovery probes took 0.96-1.08 s of CPU without it and
    /// 0.78-0.84 s with it in the sqlite3 shell). SQLite maps the file read-only: writes still go through the WAL
    /// with write() and the same syncs, so crash safety is unchanged.
    /// </summary>
    public const string MmapPragma = "PRAGMA mmap_size = 1073741824;";

    private readonly SqliteConnection _connection;
    private readonly string _path;
    private readonly LayoutSql _layout;
    private readonly Lock _gate = new();
    private readonly ReadConnection _reader;
    private readonly NativeStatement _begin;
    private readonly NativeStatement _beginRead;
    private readonly NativeStatement _endRead;
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
    private int _readDepth;
    private bool _disposed;

    private SqliteJournal(SqliteConnection connection, ReadConnection reader, string path, int layout)
    {
        _connection = connection;
        _reader = reader;
        _path = path;
        _layout = LayoutSql.For(layout);
        _begin = new NativeStatement(connection, "BEGIN IMMEDIATE");
        _commit = new NativeStatement(connection, "COMMIT");
        _rollback = new NativeStatement(connection, "ROLLBACK");
        _maxOrdering = new NativeStatement(connection, $"SELECT COALESCE(MAX(ordering), 0) FROM {JournalSchema.Journal}");
        _insert = new NativeStatement(connection, _layout.Insert);
        _insertTag = new NativeStatement(connection,
            $"INSERT INTO {JournalSchema.Tags} (ordering_id, tag, persistence_id, sequence_nr) VALUES (?1, ?2, ?3, ?4)");
        _upsertStream = new NativeStatement(connection, UpsertStreamsSql(1));
        _upsertStreams = new NativeStatement(connection, UpsertStreamsSql(StreamRowsPerUpsert));
        _undoTags = new NativeStatement(connection, $"DELETE FROM {JournalSchema.Tags} WHERE ordering_id BETWEEN ?1 AND ?2");
        _undoEvents = new NativeStatement(connection, $"DELETE FROM {JournalSchema.Journal} WHERE ordering BETWEEN ?1 AND ?2");

        // Everything below reads, on the read connection.
        var db = reader.Handle;
        _beginRead = new NativeStatement(db, "BEGIN");
        _endRead = new NativeStatement(db, "COMMIT");
        _stream = new NativeStatement(db,
            $"SELECT highest_sequence_nr, deleted_to, event_count FROM {JournalSchema.Streams} WHERE persistence_id = ?1");

        _replayDense = new NativeStatement(db, _layout.ReplayDense);

        // For a stream whose numbers are sparse (never the case for persistent actors): scan the range instead.
        _replaySparse = new NativeStatement(db, _layout.ReplaySparse);

        // The streams under a prefix are the ids in [?1, ?2) (an upper bound the caller derives from the prefix).
        _prefixStreams = new NativeStatement(db,
            $"SELECT COALESCE(MIN(deleted_to), 0) + 1, COALESCE(MAX(highest_sequence_nr), 0), COALESCE(SUM(event_count), 0) " +
            $"FROM {JournalSchema.Streams} WHERE persistence_id >= ?1 AND persistence_id < ?2");

        // Every stream under the prefix at once: per block (or number, in layout 2) one seek to its first id, then the
        // rows of that block whose ids fall in [?1, ?2) lie next to each other, so the whole run reads almost sequentially.
        _prefixDense = new NativeStatement(db, _layout.PrefixDense);
        _prefixSparse = new NativeStatement(db, _layout.PrefixSparse);
    }

    /// <summary>The file this journal writes.</summary>
    public string DataSource => _path;

    /// <summary>Whether SQLite takes a mutex on the connection reads go through (false for a journal in a file).</summary>
    internal bool ReadsTakeMutex => _reader.HasMutex;

    /// <summary>Whether SQLite takes a mutex on the connection writes go through (Microsoft.Data.Sqlite's; true).</summary>
    internal bool WritesTakeMutex => SqliteNative.HasMutex(_connection.Handle!);

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            // The read connection runs without SQLite's mutex: its statements are finalized here, under the gate,
            // before it closes, never by the finalizer thread while another thread reads.
            foreach (var statement in new[] { _beginRead, _endRead, _stream, _replayDense, _replaySparse, _prefixStreams, _prefixDense, _prefixSparse })
            {
                statement.Dispose();
            }

            _reader.Dispose();
            foreach (var statement in new[] { _begin, _commit, _rollback, _maxOrdering, _insert, _insertTag, _upsertStream, _upsertStreams, _undoTags, _undoEvents })
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
