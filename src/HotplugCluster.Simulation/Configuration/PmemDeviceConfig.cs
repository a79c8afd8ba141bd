using HotplugCluster.Hocon;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Simulation.Configuration;

/// <summary>Reads one entry of <c>host.pmem-devices</c> over reference.conf's <c>hotplug.host.pmem-device</c> defaults.</summary>
internal static class PmemDeviceConfig
{
    private static readonly (string Name, CxlDeviceMode Value)[] Modes =
        [("devdax", CxlDeviceMode.Devdax), ("system-ram", CxlDeviceMode.SystemRam)];

    private static readonly (string Name, PfnMap Value)[] Maps = [("dev", PfnMap.Dev), ("mem", PfnMap.Mem)];

    public static PmemDeviceSettings Read(Config root, Config entry, int index, ConfigOrigin origin, HostConfigOrigins origins)
    {
        var r = new SectionReader(entry.WithFallback(root.GetConfig("hotplug.host.pmem-device")), $"pmem-devices[{index}]", origins);
        r.RecordSection(origin);
        var name = r.GetString("name");
        if (name == "auto")
        {
            name = $"nmem{index}";
        }

        // capacity and target-node have no default in reference.conf: every device must set them.
        var capacity = PhysicalAddressLimit.Check(r, "capacity", r.RequiredBytes("capacity"));
        var target = r.RequiredInt("target-node");
        PhysAddr? at = null;
        if (r.GetString("base") != "auto")
        {
            var b = PhysicalAddressLimit.Check(r, "base", r.GetBytes("base"));
            at = b >= 0 ? new PhysAddr((ulong)b) : throw r.ErrorAt("base", $"expected an address >= 0, found {b}");
        }
        else
        {
            origins.Record(r.Setting("base"), origin);
        }

        var align = r.GetBytes("align");
        if (align <= 0)
        {
            throw r.ErrorAt("align", $"expected a positive size, found {align}");
        }

        var map = KernelConfig.OneOf(r, "map", r.GetString("map"), Maps);
        var mode = KernelConfig.OneOf(r, "mode", r.GetString("mode"), Modes);
        return new PmemDeviceSettings(name, new ByteSize((ulong)capacity), target, at, map, new ByteSize((ulong)align), mode);
    }
}
