using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace HotplugCluster.Persistence.Sqlite;

/// <summary>
/// The journal's connection for reads: the same file opened a second time, read-only and without SQLite's
/// connection mutex (<c>SQLITE_OPEN_NOMUTEX</c>), through the e_sqlite3 library Microsoft.Data.Sqlite loaded. A
/// connection opened by Microsoft.Data.Sqlite takes that mutex for every step and every column read, about a sixth
/// of a whole-run replay. Without it SQLite relies on its caller never using the connection from two threads at
/// once: the journal touches it only under its gate, and finalizes every statement of it before closing it (never
/// from the finalizer thread while the journal lives). Writes, migration and snapshots keep the main connection.
/// </summary>
/// <remarks>
/// In WAL mode each read transaction sees every transaction committed before it starts, by this process or any
/// other, so the second connection reads what the journal has just written. A database without a file (in memory,
/// or SQLite's temporary database) cannot be opened twice: its reads go through the main connection.
/// </remarks>
internal sealed class ReadConnection : IDisposable
{
    private const string Pragmas =
        "PRAGMA busy_timeout = 30000; PRAGMA cache_size = -32768; PRAGMA query_only = 1; " + SqliteJournal.MmapPragma;

    private readonly sqlite3? _owned;

    private ReadConnection(sqlite3 handle, sqlite3? owned)
    {
        Handle = handle;
        _owned = owned;
    }

    /// <summary>The connection reads are prepared on: the journal's own read connection, or the main one when the database has no file.</summary>
    public sqlite3 Handle { get; }

    /// <summary>True when reads go through a connection of their own (so without SQLite's connection mutex).</summary>
    public bool Separate => _owned is not null;

    /// <summary>
    /// Opens the file <paramref name="main"/> has open, read-only and without the connection mutex. When <paramref name="main"/>
    /// opened it <c>immutable</c> (a journal in a read-only folder), so does this connection.
    /// </summary>
    /// <remarks>sqlite3_open_v2(), SQLITE_OPEN_NOMUTEX, src/main.c (SQLite 3.x): the connection gets no mutex of its own.</remarks>
    public static ReadConnection Open(SqliteConnection main)
    {
        var mainHandle = main.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var name = SqliteNative.DbFilename(mainHandle.DangerousGetHandle(), "main");
        var file = Marshal.PtrToStringUTF8(name);
        if (string.IsNullOrEmpty(file))
        {
            return new ReadConnection(mainHandle, null);
        }

        var immutable = SqliteNative.UriBoolean(name, "immutable", 0) != 0;
        var flags = raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX | (immutable ? raw.SQLITE_OPEN_URI : 0);
        var rc = raw.sqlite3_open_v2(immutable ? SqliteJournal.ImmutableUri(file) : file, out var db, flags, null);
        try
        {
            Check(db, rc);
            Check(db, raw.sqlite3_exec(db, Pragmas));
            return new ReadConnection(db, db);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>Whether SQLite guards this connection with a mutex (sqlite3_db_mutex() is NULL for a connection opened without one).</summary>
    public bool HasMutex => SqliteNative.HasMutex(Handle);

    /// <summary>Closes the read connection; the caller has disposed every statement prepared on it.</summary>
    public void Dispose() => _owned?.Dispose();

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw SqliteNative.Error(db, rc);
        }
    }
}
