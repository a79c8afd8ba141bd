using System.Runtime.InteropServices;
using HotplugCluster.Persistence.Journal;
using Microsoft.Data.Sqlite;

namespace HotplugCluster.Persistence.Sqlite;

/// <summary>
/// The embedded journal and snapshot store: one SQLite file in WAL mode. A batch of writes from many actors
/// is one transaction; a write whose sequence numbers are taken is rejected alone. Calls complete
/// synchronously and are serialised, so one instance may be shared across threads.
/// </summary>
public sealed partial class SqliteJournal : IJournalStore
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _lastRowId;
    private readonly SqliteCommand _insertTag;
    private readonly SqliteCommand _undo;
    private bool _disposed;

    private SqliteJournal(SqliteConnection connection)
    {
        _connection = connection;
        _insert = Prepare(
            $"INSERT INTO {JournalSchema.Journal} (persistence_id, sequence_nr, timestamp, manifest, payload, writer) " +
            "VALUES ($pid, $seq, $ts, $manifest, $payload, $writer) ON CONFLICT DO NOTHING",
            "$pid", "$seq", "$ts", "$manifest", "$payload", "$writer");
        _lastRowId = Prepare("SELECT last_insert_rowid()");
        _insertTag = Prepare(
            $"INSERT INTO {JournalSchema.Tags} (ordering_id, tag, persistence_id, sequence_nr) VALUES ($ordering, $tag, $pid, $seq)",
            "$ordering", "$tag", "$pid", "$seq");
        _undo = Prepare(
            $"DELETE FROM {JournalSchema.Tags} WHERE persistence_id = $pid AND sequence_nr BETWEEN $from AND $to; " +
            $"DELETE FROM {JournalSchema.Journal} WHERE persistence_id = $pid AND sequence_nr BETWEEN $from AND $to",
            "$pid", "$from", "$to");
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
            Execute(connection, SchemaSql);
            return new SqliteJournal(connection);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new JournalException($"{builder.DataSource}: cannot open the SQLite journal: {ex.Message}", ex);
        }
    }

    private const string SchemaSql = $"""
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        PRAGMA busy_timeout = 5000;
        -- No AUTOINCREMENT: rows are never deleted from the top, so rowid order is insertion order without its cost.
        CREATE TABLE IF NOT EXISTS {JournalSchema.Journal} (
          ordering INTEGER PRIMARY KEY,
          persistence_id TEXT NOT NULL,
          sequence_nr INTEGER NOT NULL,
          timestamp INTEGER NOT NULL,
          manifest TEXT NOT NULL,
          payload BLOB NOT NULL,
          writer TEXT NOT NULL,
          deleted INTEGER NOT NULL DEFAULT 0,
          UNIQUE (persistence_id, sequence_nr));
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
            foreach (var command in new[] { _insert, _lastRowId, _insertTag, _undo })
            {
                command.Dispose();
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

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private static byte[] AsArray(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
