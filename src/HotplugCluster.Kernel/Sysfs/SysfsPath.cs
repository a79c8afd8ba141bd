namespace HotplugCluster.Kernel.Sysfs;

/// <summary>The simulated files, by path (the kernel's paths).</summary>
public static class SysfsPath
{
    public const string Memory = "/sys/devices/system/memory";
    public const string Node = "/sys/devices/system/node";
    public const string DaxDevices = "/sys/bus/dax/devices";
    public const string DaxDrivers = "/sys/bus/dax/drivers";
    public const string CxlDevices = "/sys/bus/cxl/devices";
    public const string HotplugParameters = "/sys/module/memory_hotplug/parameters";
    public const string NotifierInject = "/sys/kernel/debug/notifier-error-inject/memory/actions";
    public const string ProcMeminfo = "/proc/meminfo";
    public const string ProcIomem = "/proc/iomem";
    public const string ProcZoneinfo = "/proc/zoneinfo";

    /// <summary>Splits <c>prefix/&lt;name&gt;/file</c> into name and file, or nulls.</summary>
    public static (string? Name, string? File) Split(string path, string prefix)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith(prefix + "/", StringComparison.Ordinal))
        {
            return (null, null);
        }

        var rest = path[(prefix.Length + 1)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (rest, null) : (rest[..slash], rest[(slash + 1)..]);
    }

    /// <summary>Parses <c>memoryN</c> / <c>nodeN</c> style names.</summary>
    public static bool TryNumbered(string? name, string stem, out uint n)
    {
        n = 0;
        return name is not null && name.StartsWith(stem, StringComparison.Ordinal)
            && name.Length > stem.Length && name[stem.Length..].All(char.IsAsciiDigit)
            && uint.TryParse(name[stem.Length..], out n);
    }
}
