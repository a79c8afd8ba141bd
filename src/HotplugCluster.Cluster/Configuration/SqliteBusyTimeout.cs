using System.Data.Common;
using Akka.Persistence.Sql.Config;
using LinqToDB;
using Microsoft.Data.Sqlite;

namespace HotplugCluster.Cluster.Configuration;

/// <summary>
/// SQLite's own busy timeout on every connection Akka.Persistence.Sql opens to the members' shared file (journal and
/// snapshot store: slice records, remembered entities, the shard coordinator's state). Without it Microsoft.Data.Sqlite
/// answers a file locked by another connection by sleeping 150 ms and trying again (<c>SqliteDataReader.NextResult</c>),
/// so a lock held for 2 ms cost 150 ms; SQLite's busy handler (<c>sqliteDefaultBusyCallback</c>, src/main.c) retries after
/// 1, 2, 5, 10, 15 ... ms. Past the timeout the driver's 150 ms retries go on up to its 30 s command timeout, as before.
/// </summary>
internal static class SqliteBusyTimeout
{
    /// <summary>The plugin ids whose connections get the timeout: the journal and snapshot store reference.conf selects.</summary>
    public static readonly IReadOnlyList<string> PluginIds = ["akka.persistence.journal.sql", "akka.persistence.snapshot-store.sql"];

    /// <summary>
    /// The actor system setup that gives the plugins' SQLite connections <paramref name="timeout"/>, or null when the journal
    /// is not SQLite or the timeout is zero (the driver's retries only).
    /// </summary>
    public static MultiDataOptionsSetup? Setup(JournalConnection journal, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(journal);
        if (!journal.IsSqlite || timeout <= TimeSpan.Zero)
        {
            return null;
        }

        var milliseconds = (int)timeout.TotalMilliseconds;
        var options = new DataOptions()
            .UseConnectionString(journal.ProviderName, journal.ConnectionString)
            .UseAfterConnectionOpened(
                connection => Apply(connection, milliseconds),
                (connection, _) =>
                {
                    Apply(connection, milliseconds);
                    return Task.CompletedTask;
                });
        var setup = new MultiDataOptionsSetup();
        foreach (var id in PluginIds)
        {
            setup.AddDataOptions(id, options);
        }

        return setup;
    }

    /// <summary>Sets <paramref name="milliseconds"/> as <paramref name="connection"/>'s busy timeout (<c>sqlite3_busy_timeout()</c>, no statement run).</summary>
    public static void Apply(DbConnection connection, int milliseconds)
    {
        var sqlite = (SqliteConnection)connection;
        var rc = SQLitePCL.raw.sqlite3_busy_timeout(sqlite.Handle, milliseconds);
        SqliteException.ThrowExceptionForRC(rc, sqlite.Handle);
    }
}
