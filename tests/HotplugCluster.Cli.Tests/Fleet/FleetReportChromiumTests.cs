using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit;

namespace HotplugCluster.Cli.Tests.Fleet;

/// <summary>report.html rendered by headless Chromium (tests/scripts/fleet/render-report.sh): the charts are in the DOM after load.</summary>
[Collection(FleetSequential.Name)]
public sealed partial class FleetReportChromiumTests
{
    [ChromiumFact]
    public void Report_renders_in_headless_chromium_with_every_chart()
    {
        var dir = Path.Combine(Path.GetTempPath(), "fleet-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var smoke = Path.Combine(FleetCommandTests.RepoRoot, "config", "fleets", "smoke.conf");
            Assert.Equal(0, FleetCommandTests.Run(["fleet", smoke, "--out", dir]).Code);

            var dom = Render(Path.Combine(dir, "report.html"));

            // Four fleet-wide charts plus two distributions per variant (2 variants); the page's script counted them.
            foreach (var id in new[] { "chart-overhead", "chart-capacity", "chart-free1g", "chart-reclaim", "chart-dist-reclaim-0", "chart-dist-steps-1" })
            {
                Assert.Matches($"<svg[^>]* id=\"{id}\"", dom);
            }

            Assert.Contains("charts: 8", dom, StringComparison.Ordinal);
            Assert.True(BarRect().Count(dom) >= 8, "the charts have bars");
            Assert.Contains("<table id=\"summary\">", dom, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [ChromiumFact]
    public void Report_labels_neither_overlap_nor_leave_their_chart_when_a_sweep_has_2_10_or_50_variants()
    {
        foreach (var (variants, sweep) in new[]
        {
            (2, "host.kernel.memmap-on-memory = [off, on]"),
            (10, "host.kernel.memmap-on-memory = [off, on]\n    host.kernel.auto-movable-ratio = [100, 200, 301, 400, 500]"),
            (50, "host.kernel.memmap-on-memory = [off, on]\n    host.kernel.auto-movable-ratio = [" + string.Join(", ", Enumerable.Range(1, 25).Select(i => i * 40)) + "]"),
        })
        {
            var dir = Path.Combine(Path.GetTempPath(), "fleet-report-" + Guid.NewGuid().ToString("N"));
            try
            {
                Directory.CreateDirectory(dir);
                var fleet = Path.Combine(dir, "sweep.conf");
                File.WriteAllText(fleet, SweepFleet.Replace("SWEEP", sweep, StringComparison.Ordinal));
                var run = FleetCommandTests.Run(["fleet", fleet, "--out", Path.Combine(dir, "out")]);
                Assert.True(run.Code == 0, run.Output + run.Error);

                // The report with a probe appended: it measures every label of every chart as laid out and lists the problems.
                var probed = Path.Combine(dir, "probed.html");
                File.WriteAllText(probed, File.ReadAllText(Path.Combine(dir, "out", "report.html")).Replace("</body>", LayoutProbe + "</body>", StringComparison.Ordinal));
                var layout = LayoutResult().Match(Render(probed));

                Assert.True(layout.Success, $"{variants} variants: the layout probe did not run");
                var charts = int.Parse(layout.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                var labels = int.Parse(layout.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(4 + (2 * variants), charts);
                Assert.True(labels >= 4 * variants, $"{variants} variants: only {labels} labels measured");
                Assert.True(layout.Groups[3].Value.Length == 0, $"{variants} variants:\n{System.Net.WebUtility.HtmlDecode(layout.Groups[3].Value)}");
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private const string SweepFleet = """
        fleet {
          name = sweep
          seed = 3
          classes = [
            {
              name = small
              count = 1
              host {
                kernel { memory-block-size = 128MiB, online-policy = auto-movable }
                numa-nodes = [ { id = 0, cpus = 4, dram = 2GiB }, { id = 1 } ]
                cxl-devices = [ { capacity = 1GiB, target-node = 1 } ]
              }
              workload { fill = 50%, unmovable = 0.05, pinned = 0 }
            }
          ]
          timeline = [ hot-add-cxl, { op = online, type = online_movable }, fill, { op = reclaim, fraction = 0.5 } ]
          sweep {
            SWEEP
          }
        }
        """;

    // Every <text> of every chart: its box must lie inside its <svg> and overlap no other text's box (half a pixel of slack).
    private const string LayoutProbe = """
        <script>
        (() => {
          const problems = []; let labels = 0; const charts = document.querySelectorAll('svg.chart');
          const inside = (r, b) => r.left >= b.left - 0.5 && r.right <= b.right + 0.5 && r.top >= b.top - 0.5 && r.bottom <= b.bottom + 0.5;
          const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
          for (const svg of charts) {
            const box = svg.getBoundingClientRect();
            const texts = [...svg.querySelectorAll('text')].map(t => ({ text: t.firstChild ? t.firstChild.textContent : '', r: t.getBoundingClientRect() }));
            labels += texts.length;
            for (const [i, a] of texts.entries()) {
              if (!inside(a.r, box)) problems.push(`${svg.id}: '${a.text}' leaves the chart`);
              for (const b of texts.slice(i + 1)) {
                if (overlap(a.r, b.r)) problems.push(`${svg.id}: '${a.text}' overlaps '${b.text}'`);
              }
            }
          }
          const pre = document.createElement('pre');
          pre.id = 'layout';
          pre.textContent = `charts ${charts.length} labels ${labels}\n` + problems.join('\n');
          document.body.appendChild(pre);
        })();
        </script>
        """;

    [GeneratedRegex(@"<pre id=""layout"">charts (\d+) labels (\d+)\n?([^<]*)</pre>")]
    private static partial Regex LayoutResult();

    private static string Render(string report)
    {
        var start = new ProcessStartInfo("bash", [ChromiumFactAttribute.Script, report]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var dom = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"render-report.sh exited {p.ExitCode}: {stderr.Result}");
        return dom;
    }

    [GeneratedRegex("<rect class=\"bar\"[^>]* height=\"[1-9]")]
    private static partial Regex BarRect();
}
