using HotplugCluster.Persistence.Postgres;
using HotplugCluster.Persistence.Sqlite;

namespace HotplugCluster.Persistence.Journal;

/// <summary>Opens the journal a connection string names: PostgreSQL for Npgsql strings (<c>Host=…</c>) or <c>postgres://</c> URLs, SQLite otherwise.</summary>
public static class Journals
{
    /// <summary>Whether <paramref name="connectionString"/> names a PostgreSQL server rather than a SQLite file.</summary>
    public static bool IsPostgres(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var text = connectionString.TrimStart();
        return text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
               text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) ||
               text.Split(';').Any(part => part.Split('=')[0].Trim() is var key &&
                   (key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Opens (creating tables if needed) the journal and snapshot store behind <paramref name="connectionString"/>.</summary>
    public static IJournalStore Open(string connectionString) =>
        IsPostgres(connectionString) ? PostgresJournal.Open(ToNpgsql(connectionString)) : SqliteJournal.Open(connectionString);

    private static string ToNpgsql(string connectionString)
    {
        if (!connectionString.Contains("://", StringComparison.Ordinal))
        {
            return connectionString;
        }

        var uri = new Uri(connectionString);
        var userInfo = uri.UserInfo.Split(':', 2);
        var parts = new List<string> { $"Host={uri.Host}" };
        if (uri.Port > 0)
        {
            parts.Add($"Port={uri.Port}");
        }

        if (userInfo[0].Length > 0)
        {
            parts.Add($"Username={Uri.UnescapeDataString(userInfo[0])}");
        }

        if (userInfo.Length > 1)
        {
            parts.Add($"Password={Uri.UnescapeDataString(userInfo[1])}");
        }

        var database = uri.AbsolutePath.Trim('/');
        if (database.Length > 0)
        {
            parts.Add($"Database={Uri.UnescapeDataString(database)}");
        }

        return string.Join(';', parts);
    }
}
