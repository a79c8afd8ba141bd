using System.Text;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Kernel.Sysfs;

/// <summary>
/// nodeN/vmstat and nodeN/numastat. The names are mm/vmstat.c's <c>vmstat_text</c> for a Debian amd64 configuration
/// (CONFIG_ZSMALLOC, CONFIG_NUMA, CONFIG_SWAP, CONFIG_NUMA_BALANCING): the zone items, the NUMA event items, then the node
/// items. The model counts free pages only: <c>nr_free_pages</c> is the node's free pages, every other item reads 0.
/// </summary>
/// <remarks>node_read_vmstat() and node_read_numastat(), drivers/base/node.c.</remarks>
public static class NodeVmstat
{
    private static readonly string[] ZoneItems =
        ["nr_free_pages", "nr_zone_inactive_anon", "nr_zone_active_anon", "nr_zone_inactive_file", "nr_zone_active_file",
         "nr_zone_unevictable", "nr_zone_write_pending", "nr_mlock", "nr_bounce", "nr_zspages", "nr_free_cma"];

    private static readonly string[] NumaItems = ["numa_hit", "numa_miss", "numa_foreign", "numa_interleave", "numa_local", "numa_other"];

    private static readonly string[] NodeItems61 =
        ["nr_inactive_anon", "nr_active_anon", "nr_inactive_file", "nr_active_file", "nr_unevictable", "nr_slab_reclaimable",
         "nr_slab_unreclaimable", "nr_isolated_anon", "nr_isolated_file", "workingset_nodes", "workingset_refault_anon",
         "workingset_refault_file", "workingset_activate_anon", "workingset_activate_file", "workingset_restore_anon",
         "workingset_restore_file", "workingset_nodereclaim", "nr_anon_pages", "nr_mapped", "nr_file_pages", "nr_dirty",
         "nr_writeback", "nr_writeback_temp", "nr_shmem", "nr_shmem_hugepages", "nr_shmem_pmdmapped", "nr_file_hugepages",
         "nr_file_pmdmapped", "nr_anon_transparent_hugepages", "nr_vmscan_write", "nr_vmscan_immediate_reclaim", "nr_dirtied",
         "nr_written", "nr_throttled_written", "nr_kernel_misc_reclaimable", "nr_foll_pin_acquired", "nr_foll_pin_released",
         "nr_kernel_stack", "nr_page_table_pages", "nr_sec_page_table_pages", "nr_swapcached", "pgpromote_success", "pgpromote_candidate"];

    /// <summary>
    /// From v6.5 the zone items end with nr_unaccepted (CONFIG_UNACCEPTED_MEMORY); v6.11 adds nr_iommu_pages after the page
    /// table items, and the pgdemote_* counters became node items (as memory tiering demotes per node).
    /// </summary>
    private static readonly string[] NodeItems612 =
        [.. NodeItems61[..^3], "nr_iommu_pages", "nr_swapcached", "pgpromote_success", "pgpromote_candidate",
         "pgdemote_kswapd", "pgdemote_direct", "pgdemote_khugepaged"];

    /// <summary>node_read_vmstat(): one "name value" line per item, the zone items summed over the node's zones.</summary>
    public static string Vmstat(NumaNode node, KernelVersion version)
    {
        ArgumentNullException.ThrowIfNull(node);
        var sb = new StringBuilder();
        var zoneItems = version == KernelVersion.V6_1 ? ZoneItems : [.. ZoneItems, "nr_unaccepted"];
        foreach (var item in zoneItems)
        {
            sb.Append(item).Append(' ').Append(item == "nr_free_pages" ? node.Free.Value : 0).Append('\n');
        }

        foreach (var item in NumaItems.Concat(version == KernelVersion.V6_1 ? NodeItems61 : NodeItems612))
        {
            sb.Append(item).Append(" 0\n");
        }

        return sb.ToString();
    }

    /// <summary>node_read_numastat(): the NUMA allocation counters, which the model does not count (all 0).</summary>
    public static string Numastat() =>
        "numa_hit 0\nnuma_miss 0\nnuma_foreign 0\ninterleave_hit 0\nlocal_node 0\nother_node 0\n";
}
