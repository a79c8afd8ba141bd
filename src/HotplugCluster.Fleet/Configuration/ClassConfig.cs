using HotplugCluster.Hocon;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Simulation.Configuration;

namespace HotplugCluster.Fleet.Configuration;

/// <summary>Reads one entry of <c>fleet.classes</c> over <c>hotplug.fleet.class</c>: its name, count, host (as a host file writes it) and workload.</summary>
internal static class ClassConfig
{
    /// <summary>Reads class <paramref name="index"/> of <paramref name="entry"/> (written at <paramref name="origin"/>) with a variant's <paramref name="overrides"/> on top.</summary>
    public static HostClass Read(Config root, Config entry, ConfigOrigin origin, Config overrides, int index, bool hotAdd, IReadOnlyList<SweepAxis> sweep)
    {
        var cls = overrides.WithFallback(entry).WithFallback(root.GetConfig("hotplug.fleet.class"));
        var at = $"fleet.classes[{index}].";
        var name = ConfigErrors.Within(at, sweep, () => cls.GetString("name"));
        name = name == "auto" ? $"class{index}" : name;
        var prefix = $"fleet.classes[{index}] ({name}): ";
        var count = ConfigErrors.Within(at, sweep, () => cls.GetInt("count"));
        if (count < 1)
        {
            throw ConfigErrors.Reword(at, sweep, cls.ErrorAt("count", $"class '{name}' is empty: count must be at least 1, found {count}"));
        }

        var host = cls.GetValue("host");
        if (host.Type != ConfigValueType.Object || !cls.GetConfig("host").HasPath("numa-nodes"))
        {
            // The default host {} lives in reference.conf: point at the class that lacks one instead.
            var where = entry.HasPath("host") ? entry.GetOrigin("host") : origin;
            throw new HoconException(where, $"{at}host: class '{name}' is empty: its host {{ ... }} must give numa-nodes (and usually cxl-devices)");
        }

        var settings = ConfigErrors.Within(prefix, sweep, () => HostConfig.Read(cls.WithFallback(root)));
        if (hotAdd)
        {
            // hot-add-cxl is daxctl reconfigure-device -m system-ram: the devices start out under device_dax.
            settings = settings with { CxlDevices = [.. settings.CxlDevices.Select(d => d with { Mode = CxlDeviceMode.Devdax })] };
        }

        var workload = ConfigErrors.Within(at, sweep, () => new WorkloadSettings(
            DistributionConfig.Read(root, cls, "workload.fill"),
            DistributionConfig.Read(root, cls, "workload.unmovable"),
            DistributionConfig.Read(root, cls, "workload.pinned")));
        if (workload.Unmovable.Lower + workload.Pinned.Lower > 1)
        {
            // Draws whose sum passes 100% are capped at fill time (pinned gets what unmovable leaves); a sum that always does is an error.
            throw ConfigErrors.Reword(at, sweep, cls.ErrorAt("workload.pinned", "unmovable and pinned shares add up to more than 100% of the fill"));
        }

        return new HostClass(name, count, settings, workload);
    }

    /// <summary>Whether <paramref name="path"/> (relative to a class) names a setting a class has: hotplug.fleet.class or, under host., hotplug.host.</summary>
    public static bool Knows(Config root, string path)
    {
        try
        {
            if (path.StartsWith("host.", StringComparison.Ordinal))
            {
                return root.GetConfig("hotplug.host").HasPath(path["host.".Length..]);
            }

            return root.GetConfig("hotplug.fleet.class").HasPath(path);
        }
        catch (HoconException)
        {
            // Not a path at all (e.g. a quoted key with brackets): no setting has that name.
            return false;
        }
    }
}
