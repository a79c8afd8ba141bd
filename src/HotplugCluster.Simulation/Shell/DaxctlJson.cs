using System.Text;

namespace HotplugCluster.Simulation.Shell;

/// <summary>daxctl's JSON as json-c pretty-prints it (two-space indent, no space after the colon; util/json.c <c>util_daxctl_dev_to_json()</c>).</summary>
internal static class DaxctlJson
{
    public static IReadOnlyList<(string Key, string Value)> Device(DaxDeviceView dev)
    {
        var fields = new List<(string, string)> { ("chardev", Str(dev.Name)), ("size", Num(dev.Size)) };
        if (dev.TargetNode >= 0)
        {
            fields.Add(("target_node", Num((ulong)dev.TargetNode)));
        }

        if (dev.Align > 0)
        {
            fields.Add(("align", Num(dev.Align)));
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

        return fields;
    }

    public static string Array(IReadOnlyList<IReadOnlyList<(string Key, string Value)>> objects)
    {
        var sb = new StringBuilder("[\n");
        for (var i = 0; i < objects.Count; i++)
        {
            sb.Append("  {\n");
            var fields = objects[i];
            for (var f = 0; f < fields.Count; f++)
            {
                sb.Append("    \"").Append(fields[f].Key).Append("\":").Append(fields[f].Value).Append(f + 1 < fields.Count ? ",\n" : "\n");
            }

            sb.Append(i + 1 < objects.Count ? "  },\n" : "  }\n");
        }

        return sb.Append("]\n").ToString();
    }

    private static string Str(string s) => $"\"{s}\"";

    private static string Num(ulong n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
