using System.Globalization;
using HotplugCluster.Kernel.Sysfs;

namespace HotplugCluster.Simulation.Shell;

/// <summary>
/// What libdaxctl knows of one dax region (daxctl/lib/libdaxctl.c <c>add_dax_region()</c>,
/// <c>daxctl_region_get_available_size()</c>): its id from a device name, its path, and its <c>dax_region/</c> attributes.
/// </summary>
internal sealed class DaxRegionView(ShellSysfs fs, int id)
{
    public int Id { get; } = id;

    /// <summary>realpath of a member device, without the device: the region's directory under /sys/devices.</summary>
    public string Path => DaxRegionDevicePath.Of(fs.Console.State, Id);

    private string Attrs => SysfsLayout.DaxRegionAttributes(fs.Console.State, Id);

    public ulong? Size => Number("size");

    public ulong? Align => Number("align");

    /// <summary>0 when the attribute is missing or not a number (libdaxctl's rule).</summary>
    public ulong AvailableSize => Number("available_size") ?? 0;

    /// <summary>The sysfs file of a region attribute that daxctl writes (<c>create</c>, <c>delete</c>) or reads (<c>seed</c>).</summary>
    public string Attribute(string name) => $"{Attrs}/{name}";

    private ulong? Number(string attr) =>
        fs.ReadLine($"{Attrs}/{attr}") is { } text && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <remarks>util_daxctl_region_filter(), daxctl/filter.c: "all", or a number, or "regionN" (sscanf, so a numeric prefix is enough).</remarks>
    public bool Matches(string? ident) =>
        ident is null || ident == "all" || LeadingInt(ident) == Id || (ident.StartsWith("region", StringComparison.Ordinal) && LeadingInt(ident["region".Length..]) == Id);

    /// <summary><c>sscanf("%d")</c>: optional blanks and sign, then digits; null when there are none.</summary>
    public static int? LeadingInt(string text)
    {
        var s = text.TrimStart();
        var sign = s.StartsWith('-') ? -1 : 1;
        s = s.StartsWith('-') || s.StartsWith('+') ? s[1..] : s;
        var digits = new string([.. s.TakeWhile(char.IsAsciiDigit)]);
        return digits.Length > 0 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? sign * n : null;
    }
}
