using System.Globalization;
using System.Text;

namespace HotplugCluster.Simulation.Shell;

/// <summary>
/// daxctl's JSON as json-c pretty-prints it (two-space indent, no space after the colon, <c>/</c> escaped as <c>\/</c>):
/// ndctl daxctl/json.c <c>util_daxctl_dev_to_json()</c>, <c>util_daxctl_region_to_json()</c>,
/// <c>util_daxctl_mapping_to_json()</c>, and util/json.c's number formats. A field's value is a JSON literal
/// (<see cref="string"/>) or an array of objects.
/// </summary>
internal static class DaxctlJson
{
    /// <remarks>util_daxctl_dev_to_json(), daxctl/json.c.</remarks>
    public static IReadOnlyList<(string Key, object Value)> Device(DaxDeviceView dev, bool human = false, bool mappings = false)
    {
        var fields = new List<(string, object)> { ("chardev", Str(dev.Name)), ("size", Size(dev.Size, human)) };
        if (dev.TargetNode >= 0)
        {
            fields.Add(("target_node", Num((ulong)dev.TargetNode)));
        }

        if (dev.Align > 0)
        {
            fields.Add(("align", Size(dev.Align, human)));
        }

        fields.Add(("mode", Str(dev.SystemRam ? "system-ram" : "devdax")));
        if (dev.SystemRam && dev.Resource != 0)
        {
            var blocks = dev.MemoryBlocks();
            var online = blocks.Where(dev.IsOnline).ToList();
            fields.Add(("online_memblocks", Num((ulong)online.Count)));
            fields.Add(("total_memblocks", Num((ulong)blocks.Count)));

            // daxctl_memory_is_movable(): the MEM_GET_ZONE scan fails (-ENXIO, no key) at an offline block; otherwise
            // true only when every block reports Movable (mixed zones are MEM_ZONE_UNKNOWN).
            if (online.Count == blocks.Count)
            {
                fields.Add(("movable", blocks.Count > 0 && blocks.All(b => dev.ZoneOf(b) == "Movable") ? "true" : "false"));
            }
        }

        if (!dev.Enabled)
        {
            fields.Add(("state", Str("disabled")));
        }

        // libdaxctl's mappings_init() list_add()s each mappingN at the head: the last one is listed first.
        var maps = mappings ? dev.Mappings() : [];
        if (maps.Count > 0)
        {
            fields.Add(("mappings", maps.Reverse().Select(m => (IReadOnlyList<(string, object)>)
            [
                ("page_offset", Hex(m.PageOffset, human)),
                ("start", Hex(m.Start, human)),
                ("end", Hex(m.End, human)),
                ("size", Size(m.End - m.Start + 1, human)),
            ]).ToList()));
        }

        return fields;
    }

    /// <remarks>util_daxctl_region_to_json(), daxctl/json.c: path without /sys/devices, id, size, a non-zero available_size, align.</remarks>
    public static IReadOnlyList<(string Key, object Value)> Region(DaxRegionView region, bool human, IReadOnlyList<IReadOnlyList<(string Key, object Value)>>? devices)
    {
        var fields = new List<(string, object)> { ("path", Str(region.Path["/sys/devices".Length..])), ("id", Num((ulong)region.Id)) };
        if (region.Size is { } size)
        {
            fields.Add(("size", Size(size, human)));
        }

        if (region.AvailableSize is > 0 and var available)
        {
            fields.Add(("available_size", Size(available, human)));
        }

        if (region.Align is { } align)
        {
            fields.Add(("align", Num(align)));
        }

        if (devices is { Count: > 0 })
        {
            fields.Add(("devices", devices));
        }

        return fields;
    }

    /// <summary>util_display_json_array(): the array, or with <c>-u</c> its only element alone.</summary>
    public static string Display(IReadOnlyList<IReadOnlyList<(string Key, object Value)>> objects, bool human)
    {
        var sb = new StringBuilder();
        if (objects.Count == 1 && human)
        {
            WriteObject(sb, objects[0], 0);
        }
        else
        {
            WriteArray(sb, objects, 0);
        }

        return sb.Append('\n').ToString();
    }

    public static string Array(IReadOnlyList<IReadOnlyList<(string Key, object Value)>> objects) => Display(objects, false);

    /// <remarks>util/json.c <c>display_size()</c> (from mdadm's human_size_brief()): bytes below 5000 KiB, else centi-MiB or centi-GiB with the decimal figure.</remarks>
    public static string Size(ulong bytes, bool human)
    {
        if (!human || bytes < 5000 * 1024)
        {
            return Num(bytes);
        }

        var big = bytes >= 2UL << 30;
        var iec = big ? ((bytes * 200 / (1UL << 30)) + 1) / 2 : ((bytes * 200 / (1UL << 20)) + 1) / 2;
        var jedec = big ? ((bytes / (1000000000UL / 200)) + 1) / 2 : ((bytes / (1000000UL / 200)) + 1) / 2;
        var (iecUnit, jedecUnit) = big ? ("GiB", "GB") : ("MiB", "MB");
        return string.Create(CultureInfo.InvariantCulture, $"\"{iec / 100}.{iec % 100:D2} {iecUnit} ({jedec / 100}.{jedec % 100:D2} {jedecUnit})\"");
    }

    /// <remarks>util/json.c <c>util_json_object_hex()</c>: "%#llx" in quotes with <c>-u</c>, a plain number without.</remarks>
    private static string Hex(ulong value, bool human) =>
        !human ? Num(value) : value == 0 ? "\"0\"" : string.Create(CultureInfo.InvariantCulture, $"\"0x{value:x}\"");

    private static void WriteArray(StringBuilder sb, IReadOnlyList<IReadOnlyList<(string Key, object Value)>> objects, int level)
    {
        sb.Append("[\n");
        for (var i = 0; i < objects.Count; i++)
        {
            sb.Append(' ', (level + 1) * 2);
            WriteObject(sb, objects[i], level + 1);
            sb.Append(i + 1 < objects.Count ? ",\n" : "\n");
        }

        sb.Append(' ', level * 2).Append(']');
    }

    private static void WriteObject(StringBuilder sb, IReadOnlyList<(string Key, object Value)> fields, int level)
    {
        sb.Append("{\n");
        for (var f = 0; f < fields.Count; f++)
        {
            sb.Append(' ', (level + 1) * 2).Append('"').Append(fields[f].Key).Append("\":");
            switch (fields[f].Value)
            {
                case string literal:
                    sb.Append(literal);
                    break;
                case IReadOnlyList<IReadOnlyList<(string Key, object Value)>> array:
                    WriteArray(sb, array, level + 1);
                    break;
                default:
                    throw new InvalidOperationException($"unexpected JSON value {fields[f].Value.GetType().Name}");
            }

            sb.Append(f + 1 < fields.Count ? ",\n" : "\n");
        }

        sb.Append(' ', level * 2).Append('}');
    }

    /// <summary>A json-c string literal: <c>"</c>, <c>\</c> and <c>/</c> escaped (json-c escapes the slash unless told not to).</summary>
    private static string Str(string s) => $"\"{s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("/", "\\/", StringComparison.Ordinal)}\"";

    private static string Num(ulong n) => n.ToString(CultureInfo.InvariantCulture);
}
