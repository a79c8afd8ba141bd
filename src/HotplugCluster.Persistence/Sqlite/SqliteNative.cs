using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace HotplugCluster.Persistence.Sqlite;

/// <summary>
/// Direct calls into the e_sqlite3 library that Microsoft.Data.Sqlite loads, for the column reads replay makes per row. They only read or set fields of a statement (no I/O, no locks, no callbacks), which is what
/// <see cref="SuppressGCTransitionAttribute"/> requires; going through SQLitePCLRaw costs a SafeHandle reference
/// count and an interface call each, about as much as SQLite's own work for a small row. Stepping and resetting a
/// query (which may wait on I/O) are plain calls without that attribute.
/// </summary>
internal static class SqliteNative
{
    private const string Library = "e_sqlite3";

    [DllImport(Library, EntryPoint = "sqlite3_column_int64")]
    [SuppressGCTransition]
    public static extern long ColumnInt64(IntPtr stmt, int column);

    [DllImport(Library, EntryPoint = "sqlite3_column_blob")]
    [SuppressGCTransition]
    public static extern IntPtr ColumnBlob(IntPtr stmt, int column);

    [DllImport(Library, EntryPoint = "sqlite3_column_bytes")]
    [SuppressGCTransition]
    public static extern int ColumnBytes(IntPtr stmt, int column);

    [DllImport(Library, EntryPoint = "sqlite3_step")]
    public static extern int Step(IntPtr stmt);

    [DllImport(Library, EntryPoint = "sqlite3_reset")]
    public static extern int Reset(IntPtr stmt);

    /// <summary>The file name a connection opened, with the URI parameters it was opened with (for <see cref="UriBoolean"/>).</summary>
    [DllImport(Library, EntryPoint = "sqlite3_db_filename")]
    public static extern IntPtr DbFilename(IntPtr db, [MarshalAs(UnmanagedType.LPUTF8Str)] string schema);

    /// <summary>A boolean URI parameter of a file name from <see cref="DbFilename"/>, or <paramref name="fallback"/> when absent.</summary>
    [DllImport(Library, EntryPoint = "sqlite3_uri_boolean")]
    public static extern int UriBoolean(IntPtr filename, [MarshalAs(UnmanagedType.LPUTF8Str)] string parameter, int fallback);

    /// <summary>The connection's mutex, or zero when the connection was opened without one (SQLITE_OPEN_NOMUTEX).</summary>
    [DllImport(Library, EntryPoint = "sqlite3_db_mutex")]
    public static extern IntPtr DbMutex(IntPtr db);

    /// <summary>Whether SQLite guards <paramref name="db"/> with a mutex (<see cref="DbMutex"/> is null for a connection opened with SQLITE_OPEN_NOMUTEX).</summary>
    public static bool HasMutex(sqlite3 db) => DbMutex(db.DangerousGetHandle()) != IntPtr.Zero;

    /// <summary>The exception for result code <paramref name="rc"/> of a call on <paramref name="db"/>, with SQLite's message, as Microsoft.Data.Sqlite words it.</summary>
    public static SqliteException Error(sqlite3 db, int rc) =>
        new($"SQLite Error {rc}: '{raw.sqlite3_errmsg(db).utf8_to_string()}'.", rc, raw.sqlite3_extended_errcode(db));
}
