using HotplugCluster.Persistence.Journal;
using Microsoft.Data.Sqlite;

namespace HotplugCluster.Persistence.Sqlite;

public sealed partial class SqliteJournal
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    private const string BusyTimeout = "PRAGMA busy_timeout = 30000;";

    // A reader's settings: nothing that writes the file or its header (journal_mode, checkpoints).
    private const string ReadOnlyPragmas = BusyTimeout + " PRAGMA cache_size = -32768; " + MmapPragma;

    // The tables of the current layout: a file at the current version without them is not a journal.
    private static readonly string[] LayoutTables = [JournalSchema.Journal, JournalSchema.Streams, JournalSchema.Tags, JournalSchema.Snapshots];

    private enum LayoutStep
    {
        Current,
        Create,
        MoveFirstLayout,

        // Layout 2: a reader reads it as it is, a writer moves it to the current layout.
        Second,
    }

    /// <summary>
    /// Opens (creating if needed) the journal named by <paramref name="connectionString"/> for writing: an ADO.NET
    /// string (<c>Data Source=data/hotplug.db</c>) or a bare file path. The file's folder is created. A SQLite
    /// database that is not a journal, or a file failing SQLite's quick integrity check, is refused with the reason.
    /// </summary>
    public static SqliteJournal Open(string connectionString)
    {
        var builder = Builder(connectionString);
        if (builder.DataSource is { Length: > 0 } path && path != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir)
        {
            if (Directory.Exists(path))
            {
                throw new JournalException($"{path} is a directory, not a journal");
            }

            try
            {
                Directory.CreateDirectory(dir);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new JournalException($"{path}: cannot create the journal's folder: {ex.Message}", ex);
            }
        }

        return OpenWith(builder, builder.DataSource, connection =>
        {
            // Refusals come before the first write (switching to WAL rewrites the header): a refused file is left as it was.
            Execute(connection, BusyTimeout);
            Layout(connection, builder.DataSource, forWriting: true);
            CheckIntegrity(connection, builder.DataSource);
            Execute(connection, ConnectionPragmas);
            Migrate(connection, builder.DataSource);
            return SchemaVersion;
        });
    }

    /// <summary>
    /// Opens an existing journal for reading: nothing is created, upgraded or written, so a journal in a read-only
    /// folder opens too. A journal of layout 2 is read as it is; any other SQLite database that is not a journal of the
    /// current layout is refused with the reason.
    /// </summary>
    /// <remarks>
    /// SQLite opens a WAL database read-only only when it may create the <c>-shm</c> index beside it (or it exists);
    /// in a read-only folder without one, the file is opened <c>immutable</c> instead, which is exact when no
    /// <c>-wal</c> file holds transactions (a writer that closed has checkpointed and removed it).
    /// </remarks>
    public static SqliteJournal OpenReadOnly(string connectionString)
    {
        var builder = Builder(connectionString);
        var path = builder.DataSource;
        builder.Mode = SqliteOpenMode.ReadOnly;
        try
        {
            return OpenWith(builder, path, connection => Prepare(connection, path));
        }
        catch (JournalException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: not (SqliteCorrupt or SqliteNotADatabase) } && path != ":memory:")
        {
            var wal = new FileInfo(path + "-wal");
            if (wal.Exists && wal.Length > 0)
            {
                throw new JournalException(
                    $"{path}: cannot read the journal: {ex.InnerException.Message} ({wal.Name} holds transactions not yet in the database file, and SQLite cannot create {Path.GetFileName(path)}-shm to read them; a recording command run where the folder is writable folds them in)",
                    ex.InnerException);
            }

            var immutable = new SqliteConnectionStringBuilder(builder.ToString()) { DataSource = ImmutableUri(path) };
            return OpenWith(immutable, path, connection => Prepare(connection, path));
        }

        static int Prepare(SqliteConnection connection, string path)
        {
            Execute(connection, ReadOnlyPragmas);
            return Layout(connection, path, forWriting: false) switch
            {
                LayoutStep.Current => SchemaVersion,
                LayoutStep.Second => SecondLayout,
                _ => throw new InvalidOperationException("a reader's layout check returns only a layout it reads"),
            };
        }
    }

    private static SqliteConnectionStringBuilder Builder(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = connectionString.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(connectionString)
            : new SqliteConnectionStringBuilder { DataSource = connectionString };
        builder.Pooling = false;
        return builder;
    }

    // prepare checks the file and returns the layout the journal reads it with.
    private static SqliteJournal OpenWith(SqliteConnectionStringBuilder builder, string path, Func<SqliteConnection, int> prepare)
    {
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var layout = prepare(connection);
            var reader = ReadConnection.Open(connection);
            try
            {
                return new SqliteJournal(connection, reader, path, layout);
            }
            catch
            {
                reader.Dispose();
                throw;
            }
        }
        catch (Exception ex) when (ex is SqliteException or JournalException)
        {
            connection.Dispose();
            throw ex switch
            {
                JournalException journal => journal,
                SqliteException { SqliteErrorCode: SqliteNotADatabase } e => new JournalException($"{path}: not a journal: the file is not a SQLite database ({e.Message})", e),
                SqliteException { SqliteErrorCode: SqliteCorrupt } e => NotSound(path, e.Message, e),
                _ => new JournalException($"{path}: cannot open the SQLite journal: {ex.Message}", ex),
            };
        }
    }

    // A URI naming the file with immutable=1 (SQLite then takes no locks and reads no -wal); %, ? and # are escaped.
    internal static string ImmutableUri(string path) =>
        "file:" + Path.GetFullPath(path).Replace("%", "%25", StringComparison.Ordinal).Replace("?", "%3f", StringComparison.Ordinal)
            .Replace("#", "%23", StringComparison.Ordinal) + "?immutable=1";

    // PRAGMA quick_check reads every page and checks the b-trees' structure (not the indexes against their tables):
    // a writer must not extend a damaged file, since SQLite may then damage what is still readable.
    private static void CheckIntegrity(SqliteConnection connection, string path)
    {
        var problems = new List<string>();
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check(3)";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                problems.Add(reader.GetString(0));
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteCorrupt)
        {
            problems = [ex.Message];
        }

        if (problems is not ["ok"])
        {
            throw NotSound(path, string.Join("; ", problems), null);
        }
    }

    private static JournalException NotSound(string path, string why, Exception? inner)
    {
        var message = $"{path}: the file fails SQLite's integrity check (PRAGMA quick_check: {why}); refusing to write to it (read commands still read what they can; record into another journal)";
        return inner is null ? new JournalException(message) : new JournalException(message, inner);
    }

    private static void Migrate(SqliteConnection connection, string path)
    {
        if (Layout(connection, path, forWriting: true) == LayoutStep.Current)
        {
            return;
        }

        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            // Again under the write lock: another process may have created the tables since the first look.
            var step = Layout(connection, path, forWriting: true);
            if (step is LayoutStep.MoveFirstLayout or LayoutStep.Second)
            {
                // Layouts 0 and 2: move the rows into the table of blocks, keeping their ordering (CREATE TABLE IF NOT
                // EXISTS below then creates only that table for layout 2, whose other tables stay as they are).
                Execute(connection, $"ALTER TABLE {JournalSchema.Journal} RENAME TO {JournalSchema.Journal}_old");
            }

            if (step != LayoutStep.Current)
            {
                Execute(connection, SchemaSql);
            }

            if (step is LayoutStep.MoveFirstLayout or LayoutStep.Second)
            {
                Execute(connection, $"""
                    INSERT INTO {JournalSchema.Journal} (ordering, persistence_id, sequence_nr, timestamp, manifest, payload, writer, deleted, sequence_block)
                      SELECT ordering, persistence_id, sequence_nr, timestamp, manifest, payload, writer, deleted, sequence_nr >> {BlockShift}
                      FROM {JournalSchema.Journal}_old ORDER BY sequence_nr >> {BlockShift}, persistence_id, sequence_nr;
                    DROP TABLE {JournalSchema.Journal}_old;
                    """);
            }

            if (step == LayoutStep.MoveFirstLayout)
            {
                Execute(connection, $"""
                    INSERT OR REPLACE INTO {JournalSchema.Streams} (persistence_id, highest_sequence_nr, deleted_to, event_count)
                      SELECT persistence_id, MAX(sequence_nr), COALESCE(MIN(CASE WHEN deleted = 0 THEN sequence_nr END) - 1, MAX(sequence_nr)), SUM(deleted = 0)
                      FROM {JournalSchema.Journal} GROUP BY persistence_id;
                    """);
            }

            Execute(connection, $"PRAGMA user_version = {SchemaVersion}; COMMIT;");
        }
        catch
        {
            if (SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0)
            {
                Execute(connection, "ROLLBACK");
            }

            throw;
        }
    }

    // What the file holds decides what opening it does: a journal of the current layout is used as it is, an empty
    // database becomes a journal (for a writer), a journal of the first layout is moved (for a writer); anything
    // else (a newer layout, another program's database) is refused, never extended.
    private static LayoutStep Layout(SqliteConnection connection, string path, bool forWriting)
    {
        var version = Scalar(connection, "PRAGMA user_version");
        var tables = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var hasJournal = tables.Contains(JournalSchema.Journal);
        if (!hasJournal && tables.Count > 0)
        {
            throw new JournalException(
                $"{path}: not a journal: a SQLite database with tables {string.Join(", ", tables.Take(5))}{(tables.Count > 5 ? ", ..." : "")} and no {JournalSchema.Journal}; refusing to add journal tables to it");
        }

        if (version > SchemaVersion)
        {
            throw new JournalException($"{path}: the journal has layout version {version}, written by a newer build; this build knows versions up to {SchemaVersion}.");
        }

        if (version is SchemaVersion or SecondLayout)
        {
            return LayoutTables.Except(tables).ToList() is { Count: > 0 } missing
                ? throw new JournalException($"{path}: not a journal: layout version {version} but no {string.Join(", ", missing)} table")
                : version == SchemaVersion ? LayoutStep.Current : LayoutStep.Second;
        }

        if (!forWriting)
        {
            throw new JournalException(hasJournal
                ? $"{path}: the journal has layout version {version} of an older build; a recording command (hotplug run) moves it to version {SchemaVersion}"
                : $"{path}: not a journal: an empty SQLite database");
        }

        return hasJournal ? LayoutStep.MoveFirstLayout : LayoutStep.Create;
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
          sequence_block INTEGER NOT NULL,
          PRIMARY KEY (sequence_block, persistence_id, sequence_nr)) WITHOUT ROWID;
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
}
