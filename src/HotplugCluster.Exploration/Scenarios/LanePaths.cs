using System.Text.RegularExpressions;

namespace HotplugCluster.Exploration.Scenarios;

/// <summary>
/// The sysfs and procfs path shapes the simulated host serves (docs/kernel-model.md "Sysfs"), so a stress scenario
/// naming a path that can never exist fails before any schedule runs. Paths of devices created later (a hot-added
/// block, a new dax device) match by shape.
/// </summary>
public static partial class LanePaths
{
    /// <summary>Whether <paramref name="path"/> has the shape of a file or directory the host can serve.</summary>
    public static bool IsKnown(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Known().IsMatch(path);
    }

    [GeneratedRegex(
        @"^(/sys/devices/system/memory(/(block_size_bytes|auto_online_blocks|memory\d+(/(state|online|valid_zones|phys_index|removable|phys_device))?))?"
        + @"|/sys/devices/system/node(/(possible|online|has_memory|has_normal_memory|has_cpu|node\d+(/(meminfo|memory\d+))?))?"
        + @"|/sys/bus/dax/devices(/dax\d+\.\d+(/(size|target_node|numa_node|align|resource|memmap_on_memory|driver|mapping\d+(/(start|end|page_offset))?))?)?"
        + @"|/sys/bus/cxl/devices(/dax_region\d+(/dax_region(/(available_size|size|align|id|seed|create|delete))?)?)?"
        + @"|/sys/bus/dax/drivers(/(kmem|device_dax)(/(bind|unbind|new_id|remove_id))?)?"
        + @"|/sys/module/memory_hotplug/parameters(/[a-z_]+)?"
        + @"|/sys/kernel/debug/notifier-error-inject/memory/actions/MEM_GOING_(ONLINE|OFFLINE)/error"
        + @"|/proc/(meminfo|iomem|zoneinfo))/?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Known();
}
