using HotplugCluster.Hocon;

namespace HotplugCluster.Cli.Configuration;

/// <summary>
/// Refuses a setting reference.conf does not define, so that a typo never runs silently with the default: every key of
/// the loaded configuration is looked up in reference.conf (a file's <c>host { ... }</c> under hotplug.host, its
/// <c>fleet { ... }</c> under hotplug.fleet, entries of numa-nodes, cxl-devices, pmem-devices, holes, classes and timeline under their
/// defaults objects), and the first unknown one is a <c>FILE:LINE:COLUMN: path: unknown setting (did you mean X?)</c>
/// error. Keys under <c>akka</c> pass unchecked: Akka validates its own configuration.
/// </summary>
internal static class KnownSettings
{
    /// <summary>Roots a file writes that stand for a reference.conf section.</summary>
    private static readonly Dictionary<string, string> RootSections = new(StringComparer.Ordinal)
    {
        ["hotplug"] = "hotplug",
        ["host"] = "hotplug.host",
        ["fleet"] = "hotplug.fleet",
    };

    /// <summary>Arrays of objects whose entries take their keys from a defaults object of reference.conf.</summary>
    private static readonly Dictionary<string, string> Entries = new(StringComparer.Ordinal)
    {
        ["hotplug.host.numa-nodes"] = "hotplug.host.numa-node",
        ["hotplug.host.numa-node.holes"] = "hotplug.host.memory-hole",
        ["hotplug.host.cxl-devices"] = "hotplug.host.cxl-device",
        ["hotplug.host.pmem-devices"] = "hotplug.host.pmem-device",
        ["hotplug.fleet.classes"] = "hotplug.fleet.class",
        ["hotplug.fleet.timeline"] = "hotplug.fleet.op",
    };

    /// <summary>Objects that take their keys from another section: a class's host is a host file's host, a workload share is a distribution.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["hotplug.fleet.class.host"] = "hotplug.host",
        ["hotplug.fleet.class.workload.fill"] = "hotplug.fleet.distribution",
        ["hotplug.fleet.class.workload.unmovable"] = "hotplug.fleet.distribution",
        ["hotplug.fleet.class.workload.pinned"] = "hotplug.fleet.distribution",
    };

    /// <summary>Keys an entry may hold beyond its defaults object: a timeline entry names its operation; a CXL device's capacity and target node have no default.</summary>
    private static readonly Dictionary<string, string[]> EntryKeys = new(StringComparer.Ordinal)
    {
        ["hotplug.fleet.op"] = ["op"],
        ["hotplug.host.cxl-device"] = ["capacity", "target-node"],
        ["hotplug.host.pmem-device"] = ["capacity", "target-node"],
    };

    /// <summary>Sections whose keys are setting paths that their reader validates (fleet.sweep), or that another library owns.</summary>
    private static readonly HashSet<string> Unchecked = new(StringComparer.Ordinal) { "hotplug.fleet.sweep" };

    /// <summary>Keys owned by Akka, which validates its own configuration.</summary>
    private const string AkkaRoot = "akka";

    /// <summary>Throws <see cref="HoconException"/> at the first key of <paramref name="config"/> that neither reference.conf nor <paramref name="document"/> defines.</summary>
    public static void Check(Config config, Config reference, SettingsDocument document)
    {
        foreach (var key in config.Keys)
        {
            if (key == AkkaRoot || document.DocumentKeys.Contains(key))
            {
                continue;
            }

            if (!document.Roots.Contains(key) || !RootSections.TryGetValue(key, out var section))
            {
                throw Unknown(config.GetValue(Quote(key)).Origin, key, key, [.. document.Roots, .. document.DocumentKeys]);
            }

            CheckValue(config, key, key, section, reference);
        }
    }

    private static void CheckValue(Config parent, string key, string shown, string section, Config reference)
    {
        section = Aliases.GetValueOrDefault(section, section);
        if (Unchecked.Contains(section))
        {
            return;
        }

        var value = parent.GetValue(Quote(key));
        if (value.AsConfig() is { } obj && reference.GetValue(section).Type == ConfigValueType.Object)
        {
            CheckObject(obj, shown, section, reference);
        }
        else if (value.Type == ConfigValueType.List && Entries.TryGetValue(section, out var entry))
        {
            var items = parent.GetList(Quote(key));
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i].AsConfig() is { } item)
                {
                    CheckObject(item, $"{shown}[{i}]", entry, reference);
                }
            }
        }
    }

    private static void CheckObject(Config obj, string shown, string section, Config reference)
    {
        var extra = EntryKeys.GetValueOrDefault(section, []);
        var known = reference.GetConfig(section).Keys.Concat(extra).ToList();
        foreach (var key in obj.Keys)
        {
            if (!known.Contains(key))
            {
                throw Unknown(obj.GetValue(Quote(key)).Origin, $"{shown}.{key}", key, known);
            }

            if (!extra.Contains(key))
            {
                CheckValue(obj, key, $"{shown}.{key}", $"{section}.{Quote(key)}", reference);
            }
        }
    }

    private static HoconException Unknown(ConfigOrigin origin, string path, string key, IReadOnlyList<string> known)
    {
        var hint = EditDistance.Nearest(key, known) is { } nearest ? $"did you mean {nearest}?" : $"known here: {string.Join(", ", known)}";
        return new HoconException(origin, $"{path}: unknown setting ({hint})");
    }

    /// <summary>A key as one element of a path expression (quoted when it holds anything but letters, digits, '-' and '_').</summary>
    private static string Quote(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? key : $"\"{key.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}
