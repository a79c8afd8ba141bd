using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace HotplugCluster.Persistence.Sqlite;

/// <summary>
/// A statement prepared once on the journal's connection and driven through SQLite's C API: positional binds
/// from spans (no per-call name lookups, UTF-16 text converted inside SQLite, blobs bound without a copy into
/// a managed array) and columns read as spans. Microsoft.Data.Sqlite's command layer costs several
/// microseconds per execution, more than SQLite itself spends on a small insert; this is the hot path.
/// </summary>
internal sealed class NativeStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private readonly IntPtr _handle;

    public NativeStatement(SqliteConnection connection, string sql)
        : this(connection.Handle ?? throw new InvalidOperationException("The connection is not open."), sql)
    {
    }

    /// <summary>Prepares <paramref name="sql"/> on a connection opened through SQLitePCLRaw (the journal's read connection).</summary>
    public NativeStatement(sqlite3 db, string sql)
    {
        _db = db;
        Check(raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _stmt));

        // The statement lives as long as this object, which the journal disposes only after its last use.
        _handle = _stmt.DangerousGetHandle();
    }

    /// <summary>Rows changed by the last INSERT, UPDATE or DELETE on the connection (0 when ON CONFLICT DO NOTHING skipped the row).</summary>
    public int Changes => raw.sqlite3_changes(_db);

    // Binds go through SQLitePCLRaw, the calls the raw-insert baseline of `hotplug bench journal` makes too.
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_stmt, index, value));

    public void Bind(int index, string value) => Check(raw.sqlite3_bind_text16(_stmt, index, value.AsSpan()));

    public void Bind(int index, ReadOnlySpan<byte> blob) =>
        Check(blob.IsEmpty ? raw.sqlite3_bind_zeroblob(_stmt, index, 0) : raw.sqlite3_bind_blob(_stmt, index, blob));

    /// <summary>Runs a statement that returns no rows, then resets it for the next use.</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(_stmt);
        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            throw Error(rc);
        }
    }

    /// <summary>Advances to the next row; false (and the statement reset) when there are no more.</summary>
    public bool Step()
    {
        var rc = SqliteNative.Step(_handle);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        _ = SqliteNative.Reset(_handle); // repeats the step's error code, already in rc
        return rc == raw.SQLITE_DONE ? false : throw Error(rc);
    }

    /// <summary>Ends a query early (or after an error in the caller) so the statement holds no read lock.</summary>
    public void Reset() => _ = SqliteNative.Reset(_handle);

    public long Int64(int column) => SqliteNative.ColumnInt64(_handle, column);

    /// <summary>
    /// The column's bytes (UTF-8 for text) in place, in SQLite's buffer: valid only until the statement steps,
    /// resets or reads this column as another type, so compare or copy them at once.
    /// </summary>
    public unsafe ReadOnlySpan<byte> Bytes(int column)
    {
        // SQLite advises column_blob before column_bytes because a type conversion between them could move the
        // value; here neither converts (blobs, and text in a UTF-8 database read as bytes).
        var data = SqliteNative.ColumnBlob(_handle, column);
        var length = SqliteNative.ColumnBytes(_handle, column);
        return length == 0 ? [] : new ReadOnlySpan<byte>((void*)data, length);
    }

    public void Dispose() => _stmt.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }
    }

    private SqliteException Error(int rc) => SqliteNative.Error(_db, rc);
}
