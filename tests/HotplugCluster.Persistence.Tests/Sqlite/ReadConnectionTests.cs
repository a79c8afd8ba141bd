using System.Text;
using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Sqlite;
using Xunit;

namespace HotplugCluster.Persistence.Tests.Sqlite;

/// <summary>The journal's read connection: opened a second time without SQLite's mutex, and seeing every committed write.</summary>
public sealed class ReadConnectionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hotplug-reads-").FullName;

    private string File => Path.Combine(_dir, "journal.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static PersistentRepr Event(string pid, long seq) =>
        new(pid, seq, "Text.v1", Encoding.UTF8.GetBytes($"{pid}-{seq}"), seq, "writer-a") { Tags = ["t"] };

    private static void Write(SqliteJournal journal, params PersistentRepr[] events) =>
        Assert.All(journal.WriteMessages([.. events.Select(e => new AtomicWrite([e]))]), Assert.Null);

    [Fact]
    public void Reads_take_no_SQLite_mutex_while_writes_keep_it_when_the_journal_is_a_file()
    {
        using var journal = SqliteJournal.Open(File);
        using var reader = SqliteJournal.OpenReadOnly(File);

        Assert.False(journal.ReadsTakeMutex);
        Assert.True(journal.WritesTakeMutex);
        Assert.False(reader.ReadsTakeMutex);
    }

    [Fact]
    public void Reads_go_through_the_main_connection_when_the_database_is_in_memory()
    {
        using var journal = SqliteJournal.Open(":memory:");
        Write(journal, Event("m/a", 1), Event("m/a", 2));

        Assert.True(journal.ReadsTakeMutex);
        Assert.Equal([1L, 2], journal.CurrentEventsByPersistenceIdPrefix("m/").Select(e => e.Event.SequenceNr));
    }

    [Fact]
    public void Reads_see_every_batch_committed_before_them_when_this_journal_or_another_of_the_process_wrote_it()
    {
        using var journal = SqliteJournal.Open(File);
        using var other = SqliteJournal.Open(File);
        using var reader = SqliteJournal.OpenReadOnly(File);
        for (var seq = 1; seq <= 40; seq++)
        {
            Write(journal, Event("r/own", seq));
            Write(other, Event("r/other", seq));

            foreach (var store in new[] { journal, reader })
            {
                Assert.Equal(2 * seq, store.CurrentEventsByPersistenceIdPrefix("r/").Count);
                Assert.Equal(2 * seq, store.CurrentEventsByTag("t").Count);
                Assert.Equal(seq, store.ReadHighestSequenceNr("r/other"));
                var replayed = new List<PersistentRepr>();
                store.ReplayMessages("r/own", 1, long.MaxValue, long.MaxValue, replayed.Add);
                Assert.Equal(Encoding.UTF8.GetBytes($"r/own-{seq}"), replayed[^1].Payload.ToArray());
                Assert.Equal(["r/other", "r/own"], store.CurrentPersistenceIds());
            }
        }
    }

    [Fact]
    public void Reads_open_the_file_immutable_when_the_journal_was_opened_immutable()
    {
        using (var journal = SqliteJournal.Open(File))
        {
            Write(journal, Event("u/a", 1));
        }

        // immutable=1 tells SQLite the file cannot change: it takes no locks and opens no -wal or -shm, on both connections
        // (a read connection opened otherwise would create the -shm index to read the WAL).
        using var reader = SqliteJournal.OpenReadOnly($"Data Source=file:{File}?immutable=1");

        Assert.False(reader.ReadsTakeMutex);
        Assert.Equal("u/a-1", Encoding.UTF8.GetString(Assert.Single(reader.CurrentEventsByPersistenceIdPrefix("u/")).Event.Payload.Span));
        Assert.False(System.IO.File.Exists(File + "-shm"));
    }
}
