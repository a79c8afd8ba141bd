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

    /// <summary>
    /// Opens an existing journal for reading: a SQLite file is opened read-only (nothing created or changed, so a
    /// journal in a read-only folder opens too); a PostgreSQL journal as for writing.
    /// </summary>
    public static IJournalStore OpenForReading(string connectionString) =>
        IsPostgres(connectionString) ? PostgresJournal.Open(ToNpgsql(connectionString)) : SqliteJournal.OpenReadOnly(connectionString);

    /// <summary>The file a SQLite connection string (or bare path) names, or null for PostgreSQL or an in-memory database.</summary>
    public static string? SqliteFile(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        if (IsPostgres(connectionString))
        {
            return null;
        }

        var path = connectionString.Contains('=', StringComparison.Ordinal)
            ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource
            : connectionString;
        return path is { Length: > 0 } and not ":memory:" ? path : null;
    }

    /// <summary>The end of the error for a value written as a URL that does not parse as one (the value itself may hold a password).</summary>
    public const string NotAUrl = "is not a valid postgres://[USER[:PASSWORD]@]HOST[:PORT]/DATABASE URL (check the host and that the port is a number from 1 to 65535)";

    /// <summary>Whether <paramref name="connectionString"/> is written as a URL (it holds <c>://</c>) but does not parse as one with a host.</summary>
    public static bool IsMalformedUrl(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        return connectionString.Contains("://", StringComparison.Ordinal) && !TryParseUrl(connectionString, out _);
    }

    private static bool TryParseUrl(string connectionString, out Uri uri) =>
        Uri.TryCreate(connectionString.Trim(), UriKind.Absolute, out uri!) && uri.Host.Length > 0;

    private static string ToNpgsql(string connectionString)
    {
        if (!connectionString.Contains("://", StringComparison.Ordinal))
        {
            return connectionString;
        }

        if (!TryParseUrl(connectionString, out var uri))
        {
            throw new JournalException($"'{Redacted(connectionString)}' {NotAUrl}");
        }

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

    // A URL as an error may show it: without the password.
    private static string Redacted(string url)
    {
        var at = url.LastIndexOf('@');
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var colon = at > 0 ? url.IndexOf(':', scheme + 3) : -1;
        return colon > 0 && colon < at ? $"{url[..(colon + 1)]}***{url[at..]}" : url;
    }
}
