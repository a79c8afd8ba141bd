namespace HotplugCluster.Cli.Configuration;

/// <summary>
/// What kind of file a command reads, as the top-level keys it may hold: setting roots checked against reference.conf
/// (<c>hotplug</c>, <c>host</c> for hotplug.host, <c>fleet</c> for hotplug.fleet) and keys of the document itself that
/// its reader validates (a scenario's operations, lanes, faults and expectations).
/// </summary>
internal sealed record SettingsDocument(string Name, IReadOnlyList<string> Roots, IReadOnlyList<string> DocumentKeys)
{
    /// <summary>A host file (<c>hotplug sysfs --host</c>): host { ... } and hotplug settings.</summary>
    public static SettingsDocument Host { get; } = new("host file", ["hotplug", "host"], []);

    /// <summary>A scenario file (<c>run</c>, <c>stress</c>, <c>replay</c>): a host, its operations, and a stress scenario's lanes, faults and expectations.</summary>
    public static SettingsDocument Scenario { get; } = new("scenario file", ["hotplug", "host"], ["description", "operations", "lanes", "faults", "expect"]);

    /// <summary>A fleet file: fleet { ... } and hotplug settings.</summary>
    public static SettingsDocument Fleet { get; } = new("fleet file", ["hotplug", "fleet"], []);

    /// <summary>Any file <c>config show</c> layers: every setting root.</summary>
    public static SettingsDocument Any { get; } = new("configuration", ["hotplug", "host", "fleet"], ["description", "operations", "lanes", "faults", "expect"]);
}
