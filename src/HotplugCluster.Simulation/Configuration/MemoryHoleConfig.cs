using HotplugCluster.Hocon;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Simulation.Configuration;

/// <summary>Reads one entry of <c>host.numa-nodes[i].holes</c> over reference.conf's <c>hotplug.host.memory-hole</c> defaults.</summary>
internal static class MemoryHoleConfig
{
    public static MemoryHole Read(Config root, Config entry, string path, ConfigOrigin nodeOrigin, HostConfigOrigins origins)
    {
        var r = new SectionReader(entry.WithFallback(root.GetConfig("hotplug.host.memory-hole")), path, origins);
        r.RecordSection(entry.HasPath("offset") ? entry.GetOrigin("offset") : nodeOrigin);
        var offset = r.GetBytes("offset");
        if (offset < 0)
        {
            throw r.ErrorAt("offset", $"expected a size >= 0, found {offset}");
        }

        var size = r.GetBytes("size");
        if (size <= 0)
        {
            throw r.ErrorAt("size", $"expected a positive size, found {size}");
        }

        return new MemoryHole(new ByteSize((ulong)offset), new ByteSize((ulong)size));
    }
}
