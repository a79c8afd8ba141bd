using System.Globalization;
using System.Text;
using HotplugCluster.Fleet.Results;

namespace HotplugCluster.Cli.Fleet;

/// <summary>results.csv: one row per host and variant, the figures a spreadsheet needs to redo any aggregate.</summary>
internal static class FleetCsv
{
    private const string Header =
        "variant,label,host,class,dram_bytes,cxl_capacity_bytes,cxl_added_bytes,memmap_dram_bytes,altmap_cxl_bytes,usable_cxl_bytes,"
        + "stranded_bytes,ranges_1g,free_ranges_1g,kernel_pages,movable_pages,used_pages,fill_shortfall_pages,reclaim_attempted_blocks,"
        + "reclaim_removed_blocks,reclaim_failures,reclaim_steps,re_added_blocks";

    public static string Render(FleetResult result)
    {
        var text = new StringBuilder().Append(Header).Append('\n');
        foreach (var v in result.Variants)
        {
            foreach (var h in v.Hosts)
            {
                var failures = string.Join(' ', h.ReclaimFailures.Select(f => $"{f.Key}={f.Value}"));
                text.Append(CultureInfo.InvariantCulture, $"{v.Variant.Index},{Quote(v.Variant.Label)},{h.Index},{Quote(h.Class)},{h.DramBytes},{h.CxlCapacityBytes},")
                    .Append(CultureInfo.InvariantCulture, $"{h.CxlAddedBytes},{h.MemmapDramBytes},{h.AltmapCxlBytes},{h.UsableCxlBytes},{h.StrandedBytes},{h.Ranges1G},{h.FreeRanges1G},")
                    .Append(CultureInfo.InvariantCulture, $"{h.KernelPages.Sum()},{h.MovablePages.Sum()},{h.UsedPages},{h.FillShortfallPages},{h.ReclaimAttempted},{h.ReclaimRemoved},")
                    .Append(CultureInfo.InvariantCulture, $"{Quote(failures)},{h.ReclaimSteps},{h.ReAdded}\n");
            }
        }

        return text.ToString();
    }

    private static string Quote(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) || s.Contains(' ', StringComparison.Ordinal)
        ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : s;
}
