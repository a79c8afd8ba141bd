namespace HotplugCluster.Kernel.Sysfs;

/// <summary>The simulated files, by path (the kernel's paths).</summary>
public static class SysfsPath
{
    public const string Memory = "/sys/devices/system/memory";
    public const string Node = "/sys/devices/system/node";
    public const string DaxDevices = "/sys/bus/dax/devices";
    public const string DaxDrivers = "/sys/bus/dax/drivers";
    public const string CxlDevices = "/sys/bus/cxl/devices";
    public const string NdDevices = "/sys/bus/nd/devices";
    public const string HotplugParameters = "/sys/module/memory_hotplug/parameters";
    public const string NotifierInject = "/sys/kernel/debug/notifier-error-inject/memory/actions";
    public const string ProcMeminfo = "/proc/meminfo";
    public const string ProcIomem = "/proc/iomem";
    public const string ProcZoneinfo = "/proc/zoneinfo";

    /// <summary>Splits <c>prefix/&lt;name&gt;/file</c> into name and file, or nulls.</summary>
    public static (string? Name, string? File) Split(string path, string prefix)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(prefix);

        // Substrings of the path only (no "prefix/" or rest string): every sysfs write and read splits its path.
        if (path.Length <= prefix.Length || path[prefix.Length] != '/' || !path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return (null, null);
        }

        var start = prefix.Length + 1;
        var slash = path.IndexOf('/', start);
        return slash < 0 ? (path[start..], null) : (path[start..slash], path[(slash + 1)..]);
    }

    /// <summary>Parses <c>memoryN</c> / <c>nodeN</c> style names.</summary>
    public static bool TryNumbered(string? name, string stem, out uint n)
    {
        n = 0;
        return name is not null && TryNumbered(name.AsSpan(), stem, out n);
    }

    /// <summary>
    /// <see cref="Split"/> then <see cref="TryNumbered(string?, string, out uint)"/> without a substring: <c>prefix/stemN/file</c> gives
    /// N and <paramref name="file"/> (everything after the name's slash), else false. Every sysfs write of a block parses its path.
    /// </summary>
    public static bool TryNumberedFile(string path, string prefix, string stem, out uint n, out ReadOnlySpan<char> file)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(prefix);
        n = 0;
        file = default;
        if (path.Length <= prefix.Length || path[prefix.Length] != '/' || !path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = path.AsSpan(prefix.Length + 1);
        var slash = rest.IndexOf('/');
        if (slash < 0 || !TryNumbered(rest[..slash], stem, out n))
        {
            return false;
        }

        file = rest[(slash + 1)..];
        return true;
    }

    private static bool TryNumbered(ReadOnlySpan<char> name, string stem, out uint n)
    {
        n = 0;
        if (name.Length <= stem.Length || !name.StartsWith(stem, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = name[stem.Length..];
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        // ASCII digits only: the culture cannot change the value (and the invariant one is not looked up per call).
        return uint.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out n);
    }
}
