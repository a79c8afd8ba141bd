using HotplugCluster.Hocon;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Simulation.Configuration;

/// <summary>Reads one entry of <c>host.cxl-devices</c> over reference.conf's <c>hotplug.host.cxl-device</c> defaults.</summary>
internal static class CxlDeviceConfig
{
    private static readonly (string Name, CxlDeviceMode Value)[] Modes =
        [("system-ram", CxlDeviceMode.SystemRam), ("devdax", CxlDeviceMode.Devdax)];

    public static CxlDeviceSettings Read(Config root, Config entry, int index, ConfigOrigin origin, HostConfigOrigins origins)
    {
        var r = new SectionReader(entry.WithFallback(root.GetConfig("hotplug.host.cxl-device")), $"cxl-devices[{index}]", origins);
        r.RecordSection(origin);
        var name = r.GetString("name");
        if (name == "auto")
        {
            name = $"mem{index}";
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

        var mode = KernelConfig.OneOf(r, "mode", r.GetString("mode"), Modes);
        var ways = r.GetInt("interleave-ways");
        var present = r.GetBoolean("present");
        return new CxlDeviceSettings(name, new ByteSize((ulong)capacity), target, at, mode, ways, present);
    }
}
