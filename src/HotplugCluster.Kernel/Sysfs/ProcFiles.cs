using System.Text;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Kernel.Sysfs;

/// <summary>/proc/meminfo, /proc/zoneinfo and nodeN/meminfo, limited to the counters the model keeps.</summary>
public static class ProcFiles
{
    /// <summary>fs/proc/meminfo.c <c>meminfo_proc_show()</c> (the counters the model keeps) with <c>show_val_kb()</c>: a 16-column label and an 8-column kB value.</summary>
    public static string Meminfo(HostState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var total = PageCount.Zero;
        var free = PageCount.Zero;
        foreach (var n in state.Nodes)
        {
            total += n.Managed;
            free += n.Free;
        }

        // meminfo_proc_show() order; the model's slab is all unreclaimable (kmalloc and kernfs_node_cache).
        var slab = state.KernelAllocations.SlabPages;
        var sb = new StringBuilder();
        Line(sb, "MemTotal:", total);
        Line(sb, "MemFree:", free);
        Line(sb, "MemAvailable:", free);
        Line(sb, "Slab:", slab);
        Line(sb, "SReclaimable:", PageCount.Zero);
        Line(sb, "SUnreclaim:", slab);
        return sb.ToString();
    }

    /// <summary>drivers/base/node.c <c>node_read_meminfo()</c>: MemTotal, MemFree, MemUsed.</summary>
    public static string NodeMeminfo(NumaNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var id = node.Id.Value;
        return $"Node {id} MemTotal:       {node.Managed.Kb,8} kB\n"
            + $"Node {id} MemFree:        {node.Free.Kb,8} kB\n"
            + $"Node {id} MemUsed:        {(node.Managed - node.Free).Kb,8} kB\n";
    }

    /// <summary>mm/vmstat.c <c>zoneinfo_show_print()</c>: free, spanned, present and managed of every zone of online nodes.</summary>
    public static string Zoneinfo(HostState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var sb = new StringBuilder();
        foreach (var node in state.Nodes)
        {
            if (!node.Online)
            {
                continue;
            }

            foreach (var z in node.Zones)
            {
                sb.Append($"Node {node.Id.Value}, zone {ZoneNames.Of(z.Type),8}\n");
                sb.Append($"  pages free     {z.Free.Value}\n");
                sb.Append($"        spanned  {z.Spanned.Value}\n");
                sb.Append($"        present  {z.Present.Value}\n");
                sb.Append($"        managed  {z.Managed.Value}\n");
            }
        }

        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string label, PageCount pages) =>
        sb.Append(label.PadRight(16)).Append($"{pages.Kb,8}").Append(" kB\n");
}
