using System.Globalization;
using System.Text.RegularExpressions;
using HotplugCluster.Kernel.Sysfs;

namespace HotplugCluster.Simulation.Shell;

/// <summary>
/// What libdaxctl knows of one dax device, read from sysfs only (daxctl/lib/libdaxctl.c <c>add_dax_dev()</c>,
/// <c>daxctl_memory_op()</c>): size, target node, align, resource, the driver link, and the memory blocks that
/// lie inside the device's resource.
/// </summary>
internal sealed partial class DaxDeviceView(ShellSysfs fs, string name)
{
    public string Name { get; } = name;

    /// <summary>X of daxX.Y.</summary>
    public int RegionId => int.Parse(Name["dax".Length..Name.IndexOf('.', StringComparison.Ordinal)], CultureInfo.InvariantCulture);

    /// <summary>Y of daxX.Y.</summary>
    public int Id => int.Parse(Name[(Name.IndexOf('.', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);

    /// <remarks>util_daxctl_dev_filter(), daxctl/filter.c: "all", the device name, or "X.Y" (sscanf "%d.%d").</remarks>
    public bool Matches(string? ident)
    {
        if (ident is null || ident == "all" || ident == Name)
        {
            return true;
        }

        var m = RegionDotId().Match(ident);
        return m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var r) && r == RegionId
            && int.TryParse(m.Groups[2].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) && id == Id;
    }

    [GeneratedRegex(@"^\s*([+-]?\d+)\.\s*([+-]?\d+)")]
    private static partial Regex RegionDotId();

    /// <summary>libdaxctl <c>mappings_init()</c>: mapping0, mapping1, … until one cannot be read (start, end, page_offset).</summary>
    public IReadOnlyList<(ulong Start, ulong End, ulong PageOffset)> Mappings()
    {
        var maps = new List<(ulong, ulong, ulong)>();
        for (var i = 0; ; i++)
        {
            var dir = $"{Dir}/mapping{i}";
            if (fs.ReadLine($"{dir}/start") is not { } start || fs.ReadLine($"{dir}/end") is not { } end || fs.ReadLine($"{dir}/page_offset") is not { } pgoff)
            {
                return maps;
            }

            maps.Add((Hex(start), Hex(end), Hex(pgoff)));
        }
    }

    private string Dir => $"{SysfsPath.DaxDevices}/{Name}";

    public ulong Size => ulong.TryParse(fs.ReadLine($"{Dir}/size"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;

    public int TargetNode => int.TryParse(fs.ReadLine($"{Dir}/target_node"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : -1;

    public ulong Align => ulong.TryParse(fs.ReadLine($"{Dir}/align"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;

    public ulong Resource => Hex(fs.ReadLine($"{Dir}/resource"));

    /// <summary><c>daxctl_dev_is_enabled()</c>: the <c>driver</c> link exists.</summary>
    public bool Enabled => fs.ReadLink($"{Dir}/driver") is not null;

    /// <summary>The driver's name from the link's basename, or null.</summary>
    public string? Driver => fs.ReadLink($"{Dir}/driver") is { } t ? t[(t.LastIndexOf('/') + 1)..] : null;

    /// <summary><c>daxctl_dev_get_memory()</c> is non-null: the device is bound to kmem (system-ram mode).</summary>
    public bool SystemRam => Driver == "kmem";

    /// <summary>
    /// The memory blocks of the device: <c>memoryN</c> entries under <c>node&lt;target_node&gt;</c> whose
    /// <c>phys_index * block_size_bytes</c> lies in <c>[resource, resource + size - 1]</c>, in directory order.
    /// </summary>
    public IReadOnlyList<string> MemoryBlocks()
    {
        var node = TargetNode;
        var blockSize = Hex(fs.ReadLine($"{SysfsPath.Memory}/block_size_bytes"));
        if (node < 0 || blockSize == 0)
        {
            return [];
        }

        var nodeDir = $"{SysfsPath.Node}/node{node}";
        var start = Resource;
        // memblock_in_dev() compares with dev_start + size inclusively (<=), so a block starting right after the device counts too.
        var end = start + Size;
        var blocks = new List<string>();
        foreach (var entry in fs.List(nodeDir) ?? [])
        {
            if (!SysfsPath.TryNumbered(entry, "memory", out _))
            {
                continue;
            }

            var at = Hex(fs.ReadLine($"{nodeDir}/{entry}/phys_index")) * blockSize;
            if (at >= start && at <= end)
            {
                blocks.Add($"{nodeDir}/{entry}");
            }
        }

        return blocks;
    }

    /// <summary><c>memblock_is_online()</c>: the block's <c>state</c> starts with "online".</summary>
    public bool IsOnline(string block) => fs.ReadLine($"{block}/state") is { } s && s.StartsWith("online", StringComparison.Ordinal);

    /// <summary>The zone an online block reports in <c>valid_zones</c> (libdaxctl <c>memblock_get_zone()</c>).</summary>
    public string? ZoneOf(string block) => fs.ReadLine($"{block}/valid_zones");

    private static ulong Hex(string? text)
    {
        var t = text ?? string.Empty;
        t = t.StartsWith("0x", StringComparison.Ordinal) ? t[2..] : t;
        return ulong.TryParse(t, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }
}
