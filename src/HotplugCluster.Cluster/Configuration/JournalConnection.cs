using Microsoft.Data.Sqlite;

namespace HotplugCluster.Cluster.Configuration;

/// <summary>
/// The cluster's durable store, picked by its connection string: SQLite (<c>Data Source=FILE</c>, one machine) or
/// PostgreSQL (<c>Host=...;Database=...</c>, several machines), and the Akka.Persistence.Sql provider name for it.
/// </summary>
public sealed record JournalConnection(string ConnectionString, string ProviderName)
{
    /// <summary>The provider name Akka.Persistence.Sql (linq2db) gives Microsoft.Data.Sqlite.</summary>
    public const string Sqlite = "SQLite.MS";

    /// <summary>The provider name for PostgreSQL 15 and later.</summary>
    public const string PostgreSql = "PostgreSQL.15";

    /// <summary>Whether the store is a SQLite file.</summary>
    public bool IsSqlite => ProviderName == Sqlite;

    /// <summary>The connection for <paramref name="connectionString"/>: PostgreSQL when it names a Host, SQLite otherwise.</summary>
    public static JournalConnection Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            ? new JournalConnection(connectionString, PostgreSql)
            : new JournalConnection(connectionString, Sqlite);
    }

    /// <summary>
    /// For SQLite: creates the file's directory and switches the file to write-ahead logging (it stays so), which
    /// several member processes writing one file need (rollback journaling gave lock waits of seconds). PostgreSQL: nothing.
    /// </summary>
    public void Prepare()
    {
        if (!IsSqlite)
        {
            return;
        }

        var builder = new SqliteConnectionStringBuilder(ConnectionString);
        if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(builder.DataSource)) is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
        }

        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    /// <summary>"SQLite data/cluster.db" or "PostgreSQL Host=db;Database=hotplug" (password left out), for messages.</summary>
    public override string ToString()
    {
        if (IsSqlite)
        {
            return $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";
        }

        var parts = ConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase));
        return $"PostgreSQL {string.Join(';', parts)}";
    }
}
