using System.Text;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Kernel.Sysfs;

public static partial class SysfsReader
{
    /// <summary>nodeN's distance, cpumap, numastat, vmstat and hugepages files (drivers/base/node.c); null for the others.</summary>
    private static SysfsRead? ReadNodeFile(HostState state, NumaNode node, string? file)
    {
        switch (file)
        {
            case "distance":
                // node_read_distance(): node_distance(nid, i) for each online node i, a space before all but node 0's.
                var sb = new StringBuilder();
                foreach (var other in state.Nodes.Where(n => n.Online))
                {
                    sb.Append(other.Id.Value == 0 ? "" : " ").Append(state.Layout.Distance(node.Id.Value, other.Id.Value));
                }

                return SysfsRead.Of(sb.Append('\n').ToString());
            case "cpumap":
                return SysfsRead.Of(CpuMask(state, node.Id.Value) + "\n");
            case "numastat":
                return SysfsRead.Of(NodeVmstat.Numastat());
            case "vmstat":
                return SysfsRead.Of(NodeVmstat.Vmstat(node, state.Version));
        }

        // The hstates' per-node counts (mm/hugetlb_sysfs.c): the model has no hugetlb pages.
        return file is not null && file.StartsWith("hugepages/hugepages-", StringComparison.Ordinal)
            && (file.EndsWith("/nr_hugepages", StringComparison.Ordinal) || file.EndsWith("/free_hugepages", StringComparison.Ordinal)
                || file.EndsWith("/surplus_hugepages", StringComparison.Ordinal))
            && (file.Contains("-2048kB/", StringComparison.Ordinal) || file.Contains("-1048576kB/", StringComparison.Ordinal))
            ? SysfsRead.Of("0\n")
            : null;
    }

    /// <summary>
    /// <c>%*pb</c> of the node's CPUs over nr_cpu_ids bits: hex in 32-bit chunks, most significant first, separated by
    /// commas, each zero-padded (the first to its own bits).
    /// </summary>
    /// <remarks>node_read_cpumap() → cpumap_print_bytes_to_buf(), bitmap_string() in lib/vsprintf.c.</remarks>
    private static string CpuMask(HostState state, int nid)
    {
        var cpus = Sysfs.SysfsLayout.Cpus(state).ToList();
        var bits = cpus.Count;
        var chunks = new List<string>();
        var width = bits % 32 == 0 ? 32 : bits % 32;
        for (var low = (bits + 31) / 32 * 32 - 32; low >= 0; low -= 32)
        {
            var value = 0UL;
            foreach (var (cpu, node) in cpus)
            {
                if (node == nid && cpu >= low && cpu < low + 32)
                {
                    value |= 1UL << (cpu - low);
                }
            }

            chunks.Add(value.ToString("x", System.Globalization.CultureInfo.InvariantCulture).PadLeft((width + 3) / 4, '0'));
            width = 32;
        }

        return string.Join(",", chunks);
    }
}
