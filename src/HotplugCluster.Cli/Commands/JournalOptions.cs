using System.CommandLine;
using HotplugCluster.Cli.Configuration;
using HotplugCluster.Hocon;
using HotplugCluster.Persistence.Journal;

namespace HotplugCluster.Cli.Commands;

/// <summary>The <c>--journal PATH|CONNSTRING</c> option shared by run, journal and replay, defaulting to <c>hotplug.journal.connection-string</c>.</summary>
internal static class JournalOptions
{
    public static Option<string?> Create() => new("--journal")
    {
        Description = "A SQLite file or connection string, or a PostgreSQL connection string (Host=...) or postgres:// URL; default: hotplug.journal.connection-string.",
    };

    /// <summary>
    /// The option's value, or the configured default. A value that cannot name a journal is refused as bad input
    /// before anything opens it: a URL that does not parse, or a folder. (Which journal a well-formed value reaches,
    /// and whether it is one, the journal itself says; its errors are failures.)
    /// </summary>
    public static string Resolve(string? given, Config? config = null)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            if (Journals.IsMalformedUrl(given))
            {
                // The value is not echoed: a URL may hold a password.
                throw new BadInputException($"--journal {Journals.NotAUrl}");
            }

            if (Directory.Exists(given))
            {
                throw new BadInputException($"{given} is a directory, not a journal");
            }

            return given;
        }

        return JournalConfig.FromConfig(config ?? ConfigLoader.Load(null, [], ConfigResolveOptions.Default)).ConnectionString;
    }
}
