using System.Globalization;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Simulation.Scenarios;

/// <summary>The fields of every <c>/sys/devices/system/node/nodeN/meminfo</c>, in kB, read through the console.</summary>
public sealed record NodeMeminfo(IReadOnlyList<(int Node, string Field, ulong Kb)> Rows)
{
    /// <summary>Reads every node's meminfo, nodes in id order, fields in file order.</summary>
    public static NodeMeminfo Read(IHostConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var rows = new List<(int Node, string Field, ulong Kb)>();
        var nodes = Possible(console.Read($"{SysfsPath.Node}/possible").Content);
        var missing = new List<int>();
        foreach (var node in nodes)
        {
            // A node without memory or CPUs is not online, so it has no directory (drivers/base/node.c): read as zeros.
            var read = console.Read($"{SysfsPath.Node}/node{node}/meminfo");
            if (!read.Ok)
            {
                missing.Add(node);
                continue;
            }

            foreach (var line in read.Content!.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                // "Node 1 MemTotal:       258048 kB"
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 4 && parts[2].EndsWith(':') && ulong.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
                {
                    rows.Add((node, parts[2].TrimEnd(':'), kb));
                }
            }
        }

        var fields = rows.Select(r => r.Field).Distinct().ToList();
        rows.AddRange(missing.SelectMany(n => fields.Select(f => (n, f, 0UL))));
        rows = [.. rows.OrderBy(r => r.Node)];
        return new NodeMeminfo(rows);
    }

    /// <summary>The node ids of a node list such as <c>0-1</c> or <c>0,2-3</c> (the format of <c>nodeN/possible</c>).</summary>
    internal static IReadOnlyList<int> Possible(string? list)
    {
        var ids = new List<int>();
        foreach (var part in (list ?? "0").Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var first = int.Parse(dash < 0 ? part : part[..dash], CultureInfo.InvariantCulture);
            var last = dash < 0 ? first : int.Parse(part[(dash + 1)..], CultureInfo.InvariantCulture);
            for (var n = first; n <= last; n++)
            {
                ids.Add(n);
            }
        }

        return ids;
    }

    /// <summary>Every (node, field) in either snapshot, in node then file order.</summary>
    public static IReadOnlyList<(int Node, string Field)> Keys(NodeMeminfo a, NodeMeminfo b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var keys = new List<(int, string)>();
        foreach (var (node, field, _) in a.Rows.Concat(b.Rows).OrderBy(r => r.Node))
        {
            if (!keys.Contains((node, field)))
            {
                keys.Add((node, field));
            }
        }

        return keys;
    }

    /// <summary>The value of one field, or 0 when the node or field is absent.</summary>
    public ulong Kb(int node, string field) => Rows.Where(r => r.Node == node && r.Field == field).Select(r => r.Kb).FirstOrDefault();
}
