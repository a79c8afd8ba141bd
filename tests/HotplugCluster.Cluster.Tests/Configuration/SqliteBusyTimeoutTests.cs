using HotplugCluster.Cluster.Configuration;
using HotplugCluster.Hocon;
using LinqToDB.Data;

namespace HotplugCluster.Cluster.Tests.Configuration;

public sealed class SqliteBusyTimeoutTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hotplug-busy-test-").FullName;

    [Theory]
    [InlineData("akka.persistence.journal.sql")]
    [InlineData("akka.persistence.snapshot-store.sql")]
    public void Setup_gives_every_connection_the_plugin_opens_the_busy_timeout_when_the_journal_is_SQLite(string pluginId)
    {
        var journal = JournalConnection.Parse($"Data Source={Path.Combine(_folder, "cluster.db")}");
        var setup = SqliteBusyTimeout.Setup(journal, TimeSpan.FromMilliseconds(250));

        Assert.NotNull(setup);
        Assert.True(setup.TryGetDataOptionsFor(pluginId, out var options));
        Assert.NotNull(options);
        for (var open = 0; open < 2; open++)
        {
            // Twice: the second connection comes from Microsoft.Data.Sqlite's pool, and the hook runs on every open.
            using var db = new DataConnection(options);
            Assert.Equal(250L, db.Execute<long>("PRAGMA busy_timeout"));
        }
    }

    [Fact]
    public void Setup_leaves_the_driver_alone_when_the_journal_is_PostgreSQL_or_the_timeout_is_zero()
    {
        Assert.Null(SqliteBusyTimeout.Setup(JournalConnection.Parse("Host=db;Database=hotplug"), TimeSpan.FromMilliseconds(250)));
        Assert.Null(SqliteBusyTimeout.Setup(JournalConnection.Parse($"Data Source={Path.Combine(_folder, "cluster.db")}"), TimeSpan.Zero));
    }

    [Theory]
    [InlineData("-1ms")]
    [InlineData("6s")]
    public void ClusterSettings_rejects_a_busy_timeout_naming_the_setting_when_it_is_out_of_range(string value)
    {
        var root = Repo.Load("config/fleets/smoke.conf", $"hotplug.cluster.sqlite-busy-timeout = {value}");

        var error = Assert.Throws<HoconException>(() => ClusterSettings.FromConfig(root));

        Assert.Contains("sqlite-busy-timeout", error.Message, StringComparison.Ordinal);
        Assert.Contains("between 0", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void ClusterSettings_reads_the_shipped_busy_timeout()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(250), ClusterSettings.FromConfig(Repo.Load("config/fleets/smoke.conf")).SqliteBusyTimeout);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
