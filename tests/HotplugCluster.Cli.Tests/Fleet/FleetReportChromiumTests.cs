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
