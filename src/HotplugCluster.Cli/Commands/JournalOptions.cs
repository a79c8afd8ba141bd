using System.CommandLine;
using HotplugCluster.Cli.Configuration;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cli.Commands;

/// <summary>The <c>--journal PATH|CONNSTRING</c> option shared by run, journal and replay, defaulting to <c>hotplug.journal.connection-string</c>.</summary>
internal static class JournalOptions
{
    public static Option<string?> Create() => new("--journal")
    {
        Description = "A SQLite file or connection string, or a PostgreSQL connection string (Host=...) or postgres:// URL; default: hotplug.journal.connection-string.",
    };

    /// <summary>The option's value, or the configured default.</summary>
    public static string Resolve(string? given, Config? config = null)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given;
        }

        return JournalConfig.FromConfig(config ?? ConfigLoader.Load(null, [], ConfigResolveOptions.Default)).ConnectionString;
    }
}
