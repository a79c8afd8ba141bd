using System.Globalization;
using System.Net;
using System.Text;
using HotplugCluster.Fleet.Results;

namespace HotplugCluster.Cli.Fleet;

/// <summary>
/// report.html: one self-contained page (inline CSS and SVG, one inline script that only counts the charts) with the
/// summary table and charts: memmap overhead per variant, usable CXL and clean 1 GiB ranges, reclaim success, and
/// per-variant distributions across hosts.
/// </summary>
internal static class FleetReport
{
    private const string Dram = "#d9534f";
    private const string Cxl = "#5b8ff9";
    private const string Good = "#5cb85c";

    public static string Render(FleetResult result, FleetPerformance? performance)
    {
        // The charts name a variant by its values alone ("on, 256MiB"); the line above them says which settings those are.
        var labels = result.Variants.Select(v => v.Variant.Assignments.IsEmpty ? v.Variant.Label : string.Join(", ", v.Variant.Assignments.Select(a => a.Value.Trim('"')))).ToList();
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(Esc($"Fleet {result.Plan.Name}")).Append("</title><style>")
            .Append("body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;font-size:12px}")
            .Append("td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}")
            .Append("svg.chart{display:block;margin:16px 0;border:1px solid #eee}")
            .Append("</style></head><body>")
            .Append(CultureInfo.InvariantCulture, $"<h1>Fleet {Esc(result.Plan.Name)}</h1><p>seed {result.Plan.Seed}, {result.Hosts} hosts in {result.Variants.Length} variant(s), {result.Blocks} memory blocks.")
            .Append(performance is { } p
                ? string.Create(CultureInfo.InvariantCulture, $" Ran in {p.ElapsedSeconds:0.00} s on {result.Workers} worker(s), hosts started by {FleetJson.HostStartName(result.Plan.HostStart)}: {p.HostsPerSecond:0.0} hosts/s, {p.BlocksPerSecond:0} blocks/s, peak RSS {p.PeakRssBytes / 1048576.0:0} MiB.")
                : string.Empty)
            .Append("</p>");
        html.Append(Table(result));
        if (result.Plan.Sweep.Length > 0)
        {
            html.Append("<p id=\"chart-key\">In the charts a variant is named by its values of ")
                .Append(Esc(string.Join(", ", result.Plan.Sweep.Select(a => a.Path)))).Append(", in that order.</p>");
        }

        html.Append(SvgChart.Bars("chart-overhead", "Memmap of the hot-added CXL memory (GiB): in DRAM vs carved from CXL", labels,
            [("memmap in DRAM", Dram, Values(result, v => Gib(v.MemmapDramBytes))), ("altmap in CXL", Cxl, Values(result, v => Gib(v.AltmapCxlBytes)))], Gb));
        html.Append(SvgChart.Bars("chart-capacity", "Usable CXL and stranded capacity (GiB)", labels,
            [("usable CXL", Cxl, Values(result, v => Gib(v.UsableCxlBytes))), ("stranded by alignment", Dram, Values(result, v => Gib(v.StrandedBytes)))], Gb));
        html.Append(SvgChart.Bars("chart-free1g", "1 GiB-aligned ranges free of memmap carve-outs (% of online 1 GiB ranges)", labels,
            [("clean 1 GiB ranges", Good, Values(result, v => v.Ranges1G == 0 ? 0 : 100.0 * v.FreeRanges1G / v.Ranges1G))], Pct));
        html.Append(SvgChart.Bars("chart-reclaim", "Reclaim success (% of blocks offlined and removed)", labels,
            [("removed", Good, Values(result, v => v.ReclaimSuccessPercent)), ("hosts fully reclaimed", Cxl, Values(result, v => 100.0 * v.HostsFullyReclaimed / Math.Max(1, v.Hosts.Length)))], Pct));
        // Each variant's distributions sit under its name, so their titles need not repeat it (a long one would not fit).
        html.Append("<h2>Distributions across hosts</h2>");
        foreach (var v in result.Variants)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{Esc(v.Variant.Label)}</h3>");
            html.Append(SvgChart.Histogram($"chart-dist-reclaim-{v.Variant.Index}", "Reclaim success per host (%)",
                [.. v.Hosts.Select(h => h.ReclaimAttempted == 0 ? 100.0 : 100.0 * h.ReclaimRemoved / h.ReclaimAttempted)], 10, Good, Pct));
            html.Append(SvgChart.Histogram($"chart-dist-steps-{v.Variant.Index}", "Kernel steps to reclaim per host",
                [.. v.Hosts.Select(h => (double)h.ReclaimSteps)], 10, Cxl, n => n.ToString("0", CultureInfo.InvariantCulture)));
        }

        // The only script: it counts the charts once the page is parsed, so a headless browser's DOM dump shows they rendered.
        html.Append("<p id=\"chart-count\"></p><script>document.getElementById('chart-count').textContent = 'charts: ' + document.querySelectorAll('svg.chart').length;</script>");
        return html.Append("</body></html>").ToString();
    }

    private static string Table(FleetResult result)
    {
        var t = new StringBuilder("<table id=\"summary\"><tr><th>variant</th><th>DRAM memmap GiB</th><th>% of DRAM</th><th>CXL altmap GiB</th><th>usable CXL GiB</th>")
            .Append("<th>stranded GiB</th><th>clean 1 GiB ranges</th><th>kernel:movable per node</th><th>reclaim success</th><th>failures</th><th>steps/host</th></tr>");
        foreach (var v in result.Variants)
        {
            var failures = string.Join(", ", v.Failures.Select(f => $"{f.Key} {f.Value}"));
            var nodes = string.Join(", ", v.KernelPagesPerNode.Select((k, n) => $"node{n} {FleetJson.Ratio(k, v.MovablePagesPerNode[n])}"));
            t.Append(CultureInfo.InvariantCulture, $"<tr><td>{Esc(v.Variant.Label)}</td><td>{Gib(v.MemmapDramBytes):0.###}</td><td>{v.MemmapDramPercent:0.###}%</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Gib(v.AltmapCxlBytes):0.###}</td><td>{Gib(v.UsableCxlBytes):0.###}</td><td>{Gib(v.StrandedBytes):0.###}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{v.FreeRanges1G} / {v.Ranges1G}</td><td>{Esc(nodes)}</td><td>{v.ReclaimSuccessPercent:0.##}%</td><td>{Esc(failures)}</td><td>{v.MeanReclaimSteps:0}</td></tr>");
        }

        return t.Append("</table>").ToString();
    }

    private static double[] Values(FleetResult r, Func<VariantResult, double> f) => [.. r.Variants.Select(f)];

    private static double Gib(long bytes) => bytes / 1073741824.0;

    private static string Gb(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Pct(double v) => v.ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Esc(string s) => WebUtility.HtmlEncode(s);
}
