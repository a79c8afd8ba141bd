using HotplugCluster.Hocon;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Simulation.Configuration;

/// <summary>Reads one entry of <c>host.numa-nodes</c> over reference.conf's <c>hotplug.host.numa-node</c> defaults.</summary>
internal static class NumaNodeConfig
{
    public static NumaNodeSettings Read(Config root, Config entry, int index, ConfigOrigin origin, HostConfigOrigins origins)
    {
        var r = new SectionReader(entry.WithFallback(root.GetConfig("hotplug.host.numa-node")), $"numa-nodes[{index}]", origins);
        r.RecordSection(origin);
        var id = r.GetString("id") == "auto" ? index : r.GetInt("id");
        var cpus = r.GetInt("cpus");
        var dram = PhysicalAddressLimit.Check(r, "dram", r.GetBytes("dram"));
        if (dram < 0)
        {
            throw r.ErrorAt("dram", $"expected a size >= 0, found {dram}");
        }

        var holes = r.GetConfigList("holes");
        var read = new List<MemoryHole>(holes.Count);
        for (var h = 0; h < holes.Count; h++)
        {
            read.Add(MemoryHoleConfig.Read(root, holes[h], $"numa-nodes[{index}].holes[{h}]", origin, origins));
        }

        var distances = new List<int>();
        foreach (var text in r.GetStringList("distances"))
        {
            distances.Add(int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d) && d <= 255
                ? d
                : throw r.ErrorAt("distances", $"expected SLIT distances (integers 0..255), found '{text}'"));
        }

        return new NumaNodeSettings(id, cpus, new ByteSize((ulong)dram)) { Holes = [.. read], Distances = [.. distances] };
    }
}
