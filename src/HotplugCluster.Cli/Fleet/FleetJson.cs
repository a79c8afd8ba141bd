using System.Globalization;
using System.Text;
using System.Text.Json;
using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Fleet.Results;

namespace HotplugCluster.Cli.Fleet;

/// <summary>The fleet result as JSON: per variant its figures (and, with hosts, every host's), then the run's performance keys.</summary>
internal static class FleetJson
{
    /// <summary>Renders <paramref name="result"/>; <paramref name="performance"/> is left out when null (the deterministic part alone).</summary>
    public static string Render(FleetResult result, FleetPerformance? performance, bool hosts, bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            w.WriteString("fleet", result.Plan.Name);
            w.WriteNumber("seed", result.Plan.Seed);
            w.WriteNumber("hosts", result.Hosts);
            w.WriteNumber("blocks", result.Blocks);
            w.WriteStartArray("variants");
            foreach (var v in result.Variants)
            {
                WriteVariant(w, v, hosts);
            }

            w.WriteEndArray();
            if (performance is { } p)
            {
                w.WriteNumber("workers", result.Workers);
                w.WriteString("host_start", HostStartName(result.Plan.HostStart));
                w.WriteNumber("elapsed_s", Math.Round(p.ElapsedSeconds, 3));
                w.WriteNumber("hosts_per_s", Math.Round(p.HostsPerSecond, 2));
                w.WriteNumber("blocks_per_s", Math.Round(p.BlocksPerSecond));
                w.WriteNumber("bytes_per_block", Math.Round(p.BytesPerBlock, 1));
                w.WriteNumber("peak_rss_bytes", p.PeakRssBytes);
                w.WriteNumber("estimate_bytes", p.EstimateBytes);
                w.WriteString("gc_gen0size", GcBudget.Current);
                w.WriteString("gc_loh_threshold", GcBudget.LohThreshold);
                w.WriteBoolean("jit_pgo", GcBudget.Pgo);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteVariant(Utf8JsonWriter w, VariantResult v, bool hosts)
    {
        w.WriteStartObject();
        w.WriteNumber("variant", v.Variant.Index);
        w.WriteString("label", v.Variant.Label);
        w.WriteStartObject("settings");
        foreach (var (path, value) in v.Variant.Assignments)
        {
            w.WriteString(path, value.Trim('"'));
        }

        w.WriteEndObject();
        w.WriteNumber("hosts", v.Hosts.Length);
        w.WriteNumber("dram_bytes", v.DramBytes);
        w.WriteNumber("memmap_dram_bytes", v.MemmapDramBytes);
        w.WriteNumber("memmap_dram_percent", Math.Round(v.MemmapDramPercent, 6));
        w.WriteNumber("cxl_capacity_bytes", v.CxlCapacityBytes);
        w.WriteNumber("cxl_added_bytes", v.CxlAddedBytes);
        w.WriteNumber("altmap_cxl_bytes", v.AltmapCxlBytes);
        w.WriteNumber("memmap_bytes", v.MemmapBytes);
        w.WriteNumber("usable_cxl_bytes", v.UsableCxlBytes);
        w.WriteNumber("stranded_bytes", v.StrandedBytes);
        w.WriteNumber("ranges_1g", v.Ranges1G);
        w.WriteNumber("free_ranges_1g", v.FreeRanges1G);
        w.WriteStartArray("nodes");
        var kernel = v.KernelPagesPerNode;
        var movable = v.MovablePagesPerNode;
        for (var n = 0; n < kernel.Length; n++)
        {
            w.WriteStartObject();
            w.WriteNumber("node", n);
            w.WriteNumber("kernel_pages", kernel[n]);
            w.WriteNumber("movable_pages", movable[n]);
            w.WriteString("kernel_to_movable", Ratio(kernel[n], movable[n]));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("reclaim_attempted_blocks", v.ReclaimAttempted);
        w.WriteNumber("reclaim_removed_blocks", v.ReclaimRemoved);
        w.WriteNumber("reclaim_success_percent", Math.Round(v.ReclaimSuccessPercent, 4));
        w.WriteNumber("hosts_fully_reclaimed", v.HostsFullyReclaimed);
        w.WriteStartObject("failures");
        foreach (var (errno, count) in v.Failures)
        {
            w.WriteNumber(errno, count);
        }

        w.WriteEndObject();
        w.WriteNumber("mean_reclaim_steps", Math.Round(v.MeanReclaimSteps, 2));
        w.WriteNumber("fill_shortfall_pages", v.FillShortfallPages);
        if (hosts)
        {
            w.WriteStartArray("host_results");
            foreach (var h in v.Hosts)
            {
                WriteHost(w, h);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteHost(Utf8JsonWriter w, HostResult h)
    {
        w.WriteStartObject();
        w.WriteNumber("host", h.Index);
        w.WriteString("class", h.Class);
        w.WriteNumber("memmap_dram_bytes", h.MemmapDramBytes);
        w.WriteNumber("altmap_cxl_bytes", h.AltmapCxlBytes);
        w.WriteNumber("cxl_added_bytes", h.CxlAddedBytes);
        w.WriteNumber("usable_cxl_bytes", h.UsableCxlBytes);
        w.WriteNumber("free_ranges_1g", h.FreeRanges1G);
        w.WriteNumber("reclaim_attempted_blocks", h.ReclaimAttempted);
        w.WriteNumber("reclaim_removed_blocks", h.ReclaimRemoved);
        w.WriteNumber("reclaim_steps", h.ReclaimSteps);
        w.WriteNumber("used_pages", h.UsedPages);
        w.WriteNumber("fill_shortfall_pages", h.FillShortfallPages);
        w.WriteEndObject();
    }

    /// <summary>"kernel:movable" reduced by the smaller side, e.g. "1:3.01"; "1:0" with no movable memory.</summary>
    public static string Ratio(long kernel, long movable) =>
        kernel == 0 ? (movable == 0 ? "0:0" : "0:1") : string.Create(CultureInfo.InvariantCulture, $"1:{(double)movable / kernel:0.##}");

    /// <summary>The <c>fleet.host-start</c> value that ran: copy | boot.</summary>
    public static string HostStartName(FleetHostStart start) => start == FleetHostStart.Copy ? "copy" : "boot";
}
