using HotplugCluster.Hocon;

namespace HotplugCluster.Cli.Configuration;

/// <summary>Builds the configuration a command runs with: --set overrides, over FILE, over reference.conf, then resolved.</summary>
internal static class ConfigLoader
{
    /// <summary>
    /// Loads the layers, resolves them and refuses any key reference.conf does not define (<see cref="KnownSettings"/>).
    /// Each --set is HOCON text such as <c>hotplug.actors.seed=7</c>; later ones win. Throws <see cref="HoconException"/>
    /// naming FILE:LINE:COLUMN for any syntax or resolution error or unknown setting.
    /// </summary>
    public static Config Load(string? file, IReadOnlyList<string> overrides, ConfigResolveOptions options, SettingsDocument? document = null)
    {
        var reference = ReferenceConfig.Load(options);
        var config = file is null ? Config.Empty : ConfigFactory.ParseFile(file);
        for (var i = 0; i < overrides.Count; i++)
        {
            var source = overrides.Count == 1 ? "--set" : $"--set[{i + 1}]";
            config = ConfigFactory.ParseString(overrides[i], source, Directory.GetCurrentDirectory()).WithFallback(config);
        }

        var resolved = config.WithFallback(reference).Resolve(options);
        KnownSettings.Check(resolved, reference, document ?? SettingsDocument.Any);
        return resolved;
    }
}
