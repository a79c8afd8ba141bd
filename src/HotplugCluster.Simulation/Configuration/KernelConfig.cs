using System.Collections.Immutable;
using HotplugCluster.Hocon;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Simulation.Configuration;

/// <summary>Reads <c>host.kernel</c> over the defaults in reference.conf's <c>hotplug.host.kernel</c>.</summary>
internal static class KernelConfig
{
    private static readonly (string Name, MemmapOnMemoryMode Value)[] MemmapModes =
        [("off", MemmapOnMemoryMode.Off), ("on", MemmapOnMemoryMode.On), ("force", MemmapOnMemoryMode.Force)];

    // The kernel's own spellings (mm/memory_hotplug.c online_type_to_str), underscores included.
    private static readonly (string Name, OnlineType Value)[] OnlineTypes =
        [("offline", OnlineType.Offline), ("online", OnlineType.Online), ("online_kernel", OnlineType.OnlineKernel), ("online_movable", OnlineType.OnlineMovable)];

    private static readonly (string Name, OnlinePolicy Value)[] Policies =
        [("contig-zones", OnlinePolicy.ContigZones), ("auto-movable", OnlinePolicy.AutoMovable)];

    private static readonly (string Name, KernelVersion Value)[] Versions =
        [("6.8", KernelVersion.V6_8), ("6.1", KernelVersion.V6_1), ("6.12", KernelVersion.V6_12)];

    public static KernelSettings Read(Config root, Config? user, HostConfigOrigins origins)
    {
        var defaults = root.GetConfig("hotplug.host.kernel");
        var section = user is null ? defaults : user.WithFallback(defaults);
        var r = new SectionReader(section, "kernel", origins);
        return new KernelSettings(
            MemoryBlockSize: BlockSize(r),
            MemmapOnMemory: OneOf(r, "memmap-on-memory", r.GetString("memmap-on-memory"), MemmapModes),
            AutoOnlineBlocks: OneOf(r, "auto-online-blocks", r.GetString("auto-online-blocks"), OnlineTypes),
            OnlinePolicy: OneOf(r, "online-policy", r.GetString("online-policy"), Policies),
            AutoMovableRatio: Ratio(r),
            AutoMovableNumaAware: r.GetBoolean("auto-movable-numa-aware"),
            MovableNode: r.GetBoolean("movable-node"),
            Version: OneOf(r, "version", r.GetString("version"), Versions),
            Hypervisor: r.GetBoolean("hypervisor"),
            PcBiosHoles: r.GetBoolean("pc-bios-holes"),
            Bugs: Bugs(r));
    }

    /// <summary>Matches <paramref name="text"/> against the allowed spellings, or names them all in the error.</summary>
    internal static T OneOf<T>(SectionReader r, string key, string text, IReadOnlyList<(string Name, T Value)> allowed)
    {
        foreach (var (name, value) in allowed)
        {
            if (name == text)
            {
                return value;
            }
        }

        throw r.ErrorAt(key, $"expected {string.Join(" | ", allowed.Select(a => a.Name))}, found '{text}'");
    }

    private static ByteSize? BlockSize(SectionReader r)
    {
        var value = r.GetString("memory-block-size");
        if (value == "auto")
        {
            return null;
        }

        var bytes = r.GetBytes("memory-block-size");
        return bytes > 0 ? new ByteSize((ulong)bytes) : throw r.ErrorAt("memory-block-size", $"expected auto or a positive size, found {bytes}");
    }

    private static uint Ratio(SectionReader r)
    {
        var ratio = r.GetInt("auto-movable-ratio");
        return ratio >= 0 ? (uint)ratio : throw r.ErrorAt("auto-movable-ratio", $"expected a percentage >= 0, found {ratio}");
    }

    private static KernelBugs Bugs(SectionReader r)
    {
        var known = KebabCase.Members(KernelBugs.None);
        var bugs = KernelBugs.None;
        foreach (var name in r.GetStringList("bugs"))
        {
            var match = known.Where(k => k.Name == name).Select(k => (KernelBugs?)k.Value).FirstOrDefault()
                ?? throw r.ErrorAt("bugs", $"unknown bug '{name}'; known: {string.Join(", ", known.Select(k => k.Name))}");
            bugs |= match;
        }

        return bugs;
    }

    /// <summary>The kebab-case names <c>bugs</c> accepts (every <see cref="KernelBugs"/> member but None).</summary>
    public static ImmutableArray<string> BugNames => [.. KebabCase.Members(KernelBugs.None).Select(k => k.Name)];
}
