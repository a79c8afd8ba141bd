using HotplugCluster.Hocon;

namespace HotplugCluster.Cli.Configuration;

/// <summary>The <c>hotplug.journal</c> settings, read once and validated.</summary>
internal sealed record JournalConfig(string ConnectionString)
{
    /// <summary>Reads and validates <c>hotplug.journal</c>; errors name the offending value's FILE:LINE:COLUMN.</summary>
    public static JournalConfig FromConfig(Config config)
    {
        var connectionString = config.GetString("hotplug.journal.connection-string");
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw config.ErrorAt("hotplug.journal.connection-string", "expected a SQLite or PostgreSQL connection string, found an empty string")
            : new JournalConfig(connectionString);
    }
}
