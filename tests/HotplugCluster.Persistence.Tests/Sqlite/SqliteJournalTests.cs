using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Sqlite;
using HotplugCluster.Persistence.Tests.Journal;
using Xunit;

namespace HotplugCluster.Persistence.Tests.Sqlite;

public sealed class SqliteJournalTests : JournalContractTests
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hotplug-journal-").FullName;

    private string File => Path.Combine(_dir, "sub", "journal.db");

    protected override IJournalStore CreateStore() => SqliteJournal.Open($"Data Source={File}");

    protected override IJournalStore Reopen() => SqliteJournal.Open(File);

    protected override void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Open_creates_the_folder_and_uses_WAL()
    {
        _ = Store;

        Assert.True(System.IO.File.Exists(File));
        Assert.True(System.IO.File.Exists(File + "-wal"));
    }

    [Fact]
    public void Open_names_the_file_when_it_is_not_a_database()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        System.IO.File.WriteAllText(File, "this is not a SQLite database, just text that is long enough to fill a header page......");

        var ex = Assert.Throws<JournalException>(() => SqliteJournal.Open(File));

        Assert.StartsWith(File, ex.Message, StringComparison.Ordinal);
    }
}
