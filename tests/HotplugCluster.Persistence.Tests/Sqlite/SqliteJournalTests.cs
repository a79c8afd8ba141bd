using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Sqlite;
using HotplugCluster.Persistence.Tests.Journal;
using Microsoft.Data.Sqlite;
using Xunit;

namespace HotplugCluster.Persistence.Tests.Sqlite;

public sealed class SqliteJournalTests : SqlJournalContractTests
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hotplug-journal-").FullName;

    private string File => Path.Combine(_dir, "sub", "journal.db");

    protected override IJournalStore CreateStore() => SqliteJournal.Open($"Data Source={File}");

    protected override IJournalStore Reopen() => SqliteJournal.Open(File);

    protected override void Cleanup() => Directory.Delete(_dir, recursive: true);

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    protected override void CorruptPayload(string persistenceId, long sequenceNr, int byteIndex)
    {
        using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT payload FROM event_journal WHERE persistence_id = $pid AND sequence_nr = $seq";
        read.Parameters.AddWithValue("$pid", persistenceId);
        read.Parameters.AddWithValue("$seq", sequenceNr);
        var payload = (byte[])read.ExecuteScalar()!;
        payload[byteIndex] ^= 0x04;
        using var write = connection.CreateCommand();
        write.CommandText = "UPDATE event_journal SET payload = $payload WHERE persistence_id = $pid AND sequence_nr = $seq";
        write.Parameters.AddWithValue("$pid", persistenceId);
        write.Parameters.AddWithValue("$seq", sequenceNr);
        write.Parameters.AddWithValue("$payload", payload);
        Assert.Equal(1, write.ExecuteNonQuery());
    }

    [Fact]
    public void Open_creates_the_folder_and_uses_WAL()
    {
        _ = Store;

        Assert.True(System.IO.File.Exists(File));
        Assert.True(System.IO.File.Exists(File + "-wal"));
    }

    [Fact]
    public void Open_refuses_a_journal_of_a_newer_layout_naming_the_version()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        Execute("PRAGMA user_version = 99");

        var ex = Assert.Throws<JournalException>(() => SqliteJournal.Open(File));

        Assert.Equal($"{File}: the journal has layout version 99, written by a newer build; this build knows versions up to 3.", ex.Message);
    }

    [Fact]
    public void Open_moves_a_first_layout_journal_to_the_current_one_keeping_events_and_orderings()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        Execute("""
            CREATE TABLE event_journal (ordering INTEGER PRIMARY KEY, persistence_id TEXT NOT NULL, sequence_nr INTEGER NOT NULL,
              timestamp INTEGER NOT NULL, manifest TEXT NOT NULL, payload BLOB NOT NULL, writer TEXT NOT NULL,
              deleted INTEGER NOT NULL DEFAULT 0, UNIQUE (persistence_id, sequence_nr));
            INSERT INTO event_journal VALUES (10, 'a', 1, 1, 'Text.v1', x'61', 'w', 0), (11, 'b', 1, 1, 'Text.v1', x'62', 'w', 0),
              (12, 'a', 2, 1, 'Text.v1', x'63', 'w', 0), (13, 'c', 5, 1, 'Text.v1', x'64', 'w', 1);
            """);

        Assert.Equal(["a", "b", "c"], Store.CurrentPersistenceIds());
        Assert.Equal([10L, 12], Store.CurrentEventsByPersistenceId("a").Select(e => e.Ordering));
        Assert.Empty(Replay("c"));
        Assert.Equal(5, ((SqliteJournal)Store).ReadHighestSequenceNr("c"));
        Assert.IsType<WriteRejectedException>(WriteAll(Write("a", 2, 3))[0]);
        Assert.Null(WriteAll(Write("a", 3, 3))[0]);
        Assert.Equal(14, Store.CurrentEventsByPersistenceId("a", 3).Single().Ordering);
    }

    // A journal as the build before blocks wrote it (layout 2): clustered on (sequence_nr, persistence_id). r/a's
    // numbers cross a block boundary; c's only event is deleted (the highest row stays, marked).
    private void WriteSecondLayoutJournal()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        Execute("""
            CREATE TABLE event_journal (ordering INTEGER NOT NULL UNIQUE, persistence_id TEXT NOT NULL, sequence_nr INTEGER NOT NULL,
              timestamp INTEGER NOT NULL, manifest TEXT NOT NULL, payload BLOB NOT NULL, writer TEXT NOT NULL,
              deleted INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (sequence_nr, persistence_id)) WITHOUT ROWID;
            CREATE TABLE event_stream (persistence_id TEXT PRIMARY KEY, highest_sequence_nr INTEGER NOT NULL,
              deleted_to INTEGER NOT NULL DEFAULT 0, event_count INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE event_tag (ordering_id INTEGER NOT NULL, tag TEXT NOT NULL, persistence_id TEXT NOT NULL,
              sequence_nr INTEGER NOT NULL, PRIMARY KEY (ordering_id, tag));
            CREATE INDEX event_tag_by_tag ON event_tag (tag, ordering_id);
            CREATE TABLE snapshot (persistence_id TEXT NOT NULL, sequence_nr INTEGER NOT NULL, timestamp INTEGER NOT NULL,
              manifest TEXT NOT NULL, payload BLOB NOT NULL, PRIMARY KEY (persistence_id, sequence_nr));
            INSERT INTO event_journal VALUES (10, 'r/a', 1, 1, 'Text.v1', x'61', 'w', 0), (11, 'r/b', 1, 1, 'Text.v1', x'62', 'w', 0),
              (12, 'r/a', 2, 1, 'Text.v1', x'63', 'w', 0), (13, 'r/a', 3, 1, 'Text.v1', x'64', 'w', 0), (14, 'r/a', 4, 1, 'Text.v1', x'65', 'w', 0),
              (15, 'r/b', 2, 1, 'Text.v1', x'66', 'w', 0), (16, 'r/a', 5, 1, 'Text.v1', x'67', 'w', 0), (17, 'c', 5, 1, 'Text.v1', x'68', 'w', 1);
            INSERT INTO event_stream VALUES ('r/a', 5, 0, 5), ('r/b', 2, 0, 2), ('c', 5, 5, 0);
            PRAGMA user_version = 2;
            """);
    }

    private long UserVersion()
    {
        using var connection = new SqliteConnection($"Data Source={File};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return (long)command.ExecuteScalar()!;
    }

    private static readonly string[] SecondLayoutRun = ["r/a#1", "r/b#1", "r/a#2", "r/a#3", "r/a#4", "r/b#2", "r/a#5"];

    [Fact]
    public void Open_moves_a_second_layout_journal_to_blocks_keeping_events_and_orderings()
    {
        WriteSecondLayoutJournal();

        Assert.Equal(["c", "r/a", "r/b"], Store.CurrentPersistenceIds());
        Assert.Equal(3, UserVersion());
        Assert.Equal(SecondLayoutRun, Store.CurrentEventsByPersistenceIdPrefix("r/").Select(e => $"{e.Event.PersistenceId}#{e.Event.SequenceNr}"));
        Assert.Equal([10L, 12, 13, 14, 16], Store.CurrentEventsByPersistenceId("r/a").Select(e => e.Ordering));
        Assert.Equal("eg", string.Concat(Replay("r/a", 4).Select(e => (char)e.Payload.Span[0])));
        Assert.Empty(Replay("c"));
        Assert.Equal(5, ((SqliteJournal)Store).ReadHighestSequenceNr("c"));
        Assert.IsType<WriteRejectedException>(WriteAll(Write("r/a", 5, 6))[0]);
        Assert.Null(WriteAll(Write("r/a", 6, 9))[0]);
        Assert.Equal([6L, 7, 8, 9], Replay("r/a", 6).Select(e => e.SequenceNr));
        Assert.Equal(18, Store.CurrentEventsByPersistenceId("r/a", 6)[0].Ordering);
    }

    [Fact]
    public void OpenReadOnly_reads_a_second_layout_journal_as_it_is()
    {
        WriteSecondLayoutJournal();

        using (var reader = SqliteJournal.OpenReadOnly(File))
        {
            Assert.Equal(SecondLayoutRun, reader.CurrentEventsByPersistenceIdPrefix("r/").Select(e => $"{e.Event.PersistenceId}#{e.Event.SequenceNr}"));
            var replayed = new List<long>();
            reader.ReplayMessages("r/a", 2, 4, long.MaxValue, e => replayed.Add(e.SequenceNr));
            Assert.Equal([2L, 3, 4], replayed);
            Assert.Empty(reader.CurrentEventsByPersistenceId("c"));
        }

        Assert.Equal(2, UserVersion());
    }

    [Fact]
    public void Open_names_the_file_when_it_is_not_a_database()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        System.IO.File.WriteAllText(File, "this is not a SQLite database, just text that is long enough to fill a header page......");

        var ex = Assert.Throws<JournalException>(() => SqliteJournal.Open(File));

        Assert.StartsWith(File, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_refuses_a_SQLite_database_that_is_not_a_journal_and_adds_nothing_to_it()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        Execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photos (name) VALUES ('cat')");

        var write = Assert.Throws<JournalException>(() => SqliteJournal.Open(File));
        var read = Assert.Throws<JournalException>(() => SqliteJournal.OpenReadOnly(File));

        Assert.Equal($"{File}: not a journal: a SQLite database with tables photos and no event_journal; refusing to add journal tables to it", write.Message);
        Assert.Equal(write.Message, read.Message);
        Assert.Equal(["photos"], Tables());
    }

    [Fact]
    public void OpenReadOnly_refuses_an_empty_database_and_creates_no_tables()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        System.IO.File.WriteAllBytes(File, []);

        var ex = Assert.Throws<JournalException>(() => SqliteJournal.OpenReadOnly(File));

        Assert.Equal($"{File}: not a journal: an empty SQLite database", ex.Message);
        Assert.Empty(Tables());
    }

    [Fact]
    public void CurrentEventsByPersistenceIdPrefix_keeps_streams_apart_when_their_ids_share_a_text_cache_slot()
    {
        // Rows come back by sequence number, so the three streams alternate row by row and each id evicts the other
        // from the slot they share: every row must still carry its own id.
        var ids = Enumerable.Range(0, 100_000).Select(i => $"run-1/block-{i}")
            .GroupBy(id => TextCache.SlotOf(System.Text.Encoding.UTF8.GetBytes(id)))
            .First(slot => slot.Count() >= 3).Take(3).ToArray();
        Assert.All(WriteAll([.. ids.Select(id => Write(id, 1, 3))]), Assert.Null);

        var read = Store.CurrentEventsByPersistenceIdPrefix("run-1/");

        Assert.Equal(
            ids.SelectMany(id => new[] { $"{id}#1", $"{id}#2", $"{id}#3" }),
            read.Select(e => $"{e.Event.PersistenceId}#{e.Event.SequenceNr}"));
    }

    [Fact]
    public void OpenReadOnly_reads_a_journal_and_refuses_to_write_to_it()
    {
        Assert.All(WriteAll(Write("a", 1, 3)), Assert.Null);
        Store.Dispose();

        using var reader = SqliteJournal.OpenReadOnly(File);

        Assert.Equal(3, reader.CurrentEventsByPersistenceIdPrefix("a").Count);
        var ex = Assert.Throws<JournalException>(() => reader.WriteMessages([Write("a", 4, 4)]));
        Assert.Contains("readonly", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Open_refuses_for_writing_a_file_that_fails_quick_check_naming_the_problem()
    {
        Assert.All(WriteAll([.. Enumerable.Range(0, 200).Select(i => Write($"s{i:D3}", 1, 20))]), Assert.Null);
        Store.Dispose();
        long root;
        using (var connection = new SqliteConnection($"Data Source={File};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT rootpage FROM sqlite_master WHERE name = 'event_journal'";
            root = (long)command.ExecuteScalar()!;
        }

        // A b-tree page whose type byte is not one of SQLite's four (2, 5, 10, 13): the file header still opens.
        using (var file = new FileStream(File, FileMode.Open, FileAccess.Write))
        {
            file.Position = (root - 1) * 4096;
            file.WriteByte(0x63);
        }

        var ex = Assert.Throws<JournalException>(() => SqliteJournal.Open(File));

        Assert.StartsWith($"{File}: the file fails SQLite's integrity check (PRAGMA quick_check: ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("); refusing to write to it (read commands still read what they can; record into another journal)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_names_a_directory_or_a_folder_it_cannot_create_in_one_line()
    {
        Directory.CreateDirectory(File);
        var blocker = Path.Combine(_dir, "blocker");
        System.IO.File.WriteAllText(blocker, "a file where a folder should be");

        var directory = Assert.Throws<JournalException>(() => SqliteJournal.Open(File));
        var folder = Assert.Throws<JournalException>(() => SqliteJournal.Open(Path.Combine(blocker, "sub", "j.db")));

        Assert.Equal($"{File} is a directory, not a journal", directory.Message);
        Assert.StartsWith($"{Path.Combine(blocker, "sub", "j.db")}: cannot create the journal's folder: ", folder.Message, StringComparison.Ordinal);
    }

    private List<string> Tables()
    {
        using var connection = new SqliteConnection($"Data Source={File};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
