using System.Globalization;
using System.Text.Json;
using HotplugCluster.Bench.Fleet;

namespace HotplugCluster.Cli.Commands;

/// <summary>How <c>hotplug bench fleet --growth</c> prints its result: a table, or one JSON object with <c>--json</c>.</summary>
internal static class BenchFleetGrowthOutput
{
    public static string ToJson(FleetGrowthResult r, double? loadBefore, double? loadAfter)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("workers", r.Workers);
            w.WriteNumber("runs_per_size", r.Runs);
            w.WriteNumber("warm_up_runs", r.WarmUps);
            WriteLoad(w, "load_average_before", loadBefore);
            WriteLoad(w, "load_average_after", loadAfter);
            w.WriteStartArray("sizes");
            foreach (var row in r.Rows)
            {
                w.WriteStartObject();
                w.WriteNumber("hosts", row.Hosts);
                w.WriteNumber("blocks", row.Blocks);
                row.WallSeconds.WriteTo(w, "wall_s", 3);
                row.CpuSeconds.WriteTo(w, "cpu_s", 3);
                row.SystemCpuSeconds.WriteTo(w, "system_cpu_s", 3);
                row.PrefixWallSeconds.WriteTo(w, "prefix_wall_s", 3);
                row.PrefixCpuSeconds.WriteTo(w, "prefix_cpu_s", 3);
                w.WriteNumber("wall_ns_per_block", Math.Round(row.WallNsPerBlock, 1));
                w.WriteNumber("cpu_ns_per_block", Math.Round(row.CpuNsPerBlock, 1));
                w.WriteNumber("hosts_wall_ns_per_block", Math.Round(row.HostsWallNsPerBlock, 1));
                w.WriteNumber("hosts_cpu_ns_per_block", Math.Round(row.HostsCpuNsPerBlock, 1));
                w.WriteNumber("allocated_bytes_per_block", Math.Round(row.AllocatedBytesPerBlock, 1));
                w.WriteNumber("peak_rss_bytes", row.PeakRssBytes);
                w.WriteBoolean("peak_rss_own", row.PeakRssOwn);
                w.WriteNumber("peak_rss_bytes_per_block", Math.Round(row.PeakRssBytesPerBlock, 2));
                w.WriteNumber("gen0_collections", row.Gen0Collections);
                w.WriteNumber("gen1_collections", row.Gen1Collections);
                w.WriteNumber("gen2_collections", row.Gen2Collections);
                w.WriteNumber("gc_pause_s", Math.Round(row.GcPauseSeconds, 3));
                WriteOptional(w, "minor_faults", row.MinorFaults, 0);
                w.WriteNumber("jit_s", Math.Round(row.JitSeconds, 3));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("wall_spread_percent", Math.Round(r.WallSpreadPercent, 1));
            w.WriteNumber("cpu_spread_percent", Math.Round(r.CpuSpreadPercent, 1));
            w.WriteNumber("allocated_spread_percent", Math.Round(r.AllocatedSpreadPercent, 1));
            w.WriteNumber("hosts_wall_spread_percent", Math.Round(r.HostsWallSpreadPercent, 1));
            w.WriteNumber("hosts_cpu_spread_percent", Math.Round(r.HostsCpuSpreadPercent, 1));
            WriteOptional(w, "fixed_cpu_s", r.FixedCpuSeconds, 3);
            WriteOptional(w, "marginal_cpu_ns_per_block", r.MarginalCpuNsPerBlock, 1);
            WriteOptional(w, "marginal_cpu_spread_percent", r.MarginalCpuSpreadPercent, 1);
            w.WriteNumber("bound_percent", FleetGrowthResult.BoundPercent);
            w.WriteBoolean("within_bound", r.WithinBound);
            w.WriteBoolean("hosts_within_bound", r.HostsWithinBound);
            w.WriteString("gc_gen0size", GcBudget.Current);
            w.WriteString("gc_loh_threshold", GcBudget.LohThreshold);
            w.WriteString("gc_gen0_max_budget", GcBudget.Gen0MaxBudget);
            w.WriteBoolean("jit_pgo", GcBudget.Pgo);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string ToText(FleetGrowthResult r, double? loadBefore, double? loadAfter)
    {
        var lines = new List<string>
        {
            Line($"{r.Workers} worker(s), {r.Runs} round(s) of every size, smallest first (each size's median), after {r.WarmUps} warm-up run(s), ns/blk = per block, w/o prefix = CPU per block after the class prefixes, load average {Load(loadBefore)} before, {Load(loadAfter)} after"),
            Line($"{"hosts",8} {"blocks",12} {"wall s",8} {"cpu s",8} {"prefix s",9} {"wall ns/blk",12} {"cpu ns/blk",11} {"w/o prefix",11} {"alloc B/blk",12} {"peak RSS",10} {"GC 0/1/2",14} {"GC pause",9} {"JIT",7}"),
        };
        foreach (var row in r.Rows)
        {
            var rss = $"{row.PeakRssBytes / 1048576.0:F0} MiB" + (row.PeakRssOwn ? "" : "*");
            var gcs = $"{row.Gen0Collections}/{row.Gen1Collections}/{row.Gen2Collections}";
            lines.Add(Line(
                $"{row.Hosts,8:N0} {row.Blocks,12:N0} {row.WallSeconds.Median,8:F2} {row.CpuSeconds.Median,8:F2} {row.PrefixWallSeconds.Median,9:F2} {row.WallNsPerBlock,12:F1} {row.CpuNsPerBlock,11:F1} {row.HostsCpuNsPerBlock,11:F1} {row.AllocatedBytesPerBlock,12:F0} {rss,10} {gcs,14} {row.GcPauseSeconds,8:F2}s {row.JitSeconds,6:F2}s"));
        }

        lines.Add(Line(
            $"per-block spread from the median across sizes: wall ±{r.WallSpreadPercent:F1}%, cpu ±{r.CpuSpreadPercent:F1}%, allocation ±{r.AllocatedSpreadPercent:F1}% (bound ±{FleetGrowthResult.BoundPercent:F0}%): {Verdict(r.WithinBound)}"));
        lines.Add(Line(
            $"without the prefixes (once per class and variant): wall ±{r.HostsWallSpreadPercent:F1}%, cpu ±{r.HostsCpuSpreadPercent:F1}%: {Verdict(r.HostsWithinBound)}"));
        if (r.FixedCpuSeconds is { } fixedCpu && r.MarginalCpuNsPerBlock is { } marginal)
        {
            var spread = r.MarginalCpuSpreadPercent is { } m ? Line($", spread of the rest ±{m:F1}%") : "";
            lines.Add(Line($"CPU as a fixed cost per run plus a cost per block (least squares over the sizes): {fixedCpu:F2} s + {marginal:F1} ns/blk{spread}"));
        }

        if (r.Rows.Any(row => !row.PeakRssOwn))
        {
            lines.Add("* the process's peak so far: this system does not let a process reset its peak RSS");
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string Verdict(bool within) => within ? "within" : "OUTSIDE";

    private static string Line(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Load(double? load) => load is { } l ? l.ToString("F2", CultureInfo.InvariantCulture) : "unknown";

    private static void WriteOptional(Utf8JsonWriter w, string key, double? value, int digits)
    {
        if (value is { } v)
        {
            w.WriteNumber(key, Math.Round(v, digits));
        }
        else
        {
            w.WriteNull(key);
        }
    }

    private static void WriteLoad(Utf8JsonWriter w, string key, double? load)
    {
        if (load is { } l)
        {
            w.WriteNumber(key, l);
        }
        else
        {
            w.WriteNull(key);
        }
    }
}
