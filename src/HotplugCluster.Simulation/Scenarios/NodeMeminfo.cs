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
        var rows = new List<(int, string, ulong)>();
        var nodes = (console.List(SysfsPath.Node) ?? [])
            .Select(n => SysfsPath.TryNumbered(n, "node", out var id) ? (int)id : -1)
            .Where(id => id >= 0)
            .Order();
        foreach (var node in nodes)
        {
            var text = console.Read($"{SysfsPath.Node}/node{node}/meminfo").Content ?? string.Empty;
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                // "Node 1 MemTotal:       258048 kB"
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 4 && parts[2].EndsWith(':') && ulong.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
                {
                    rows.Add((node, parts[2].TrimEnd(':'), kb));
                }
            }
        }

        return new NodeMeminfo(rows);
    }

    /// <summary>The value of one field, or 0 when the node or field is absent.</summary>
    public ulong Kb(int node, string field) => Rows.Where(r => r.Node == node && r.Field == field).Select(r => r.Kb).FirstOrDefault();
}
