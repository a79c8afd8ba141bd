using System.Text.Json;
using HotplugCluster.Cli.Tests.Fleet;
using Xunit;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary><c>hotplug bench fleet</c> end to end on a small fleet: its keys, real figures, and the copy-versus-boot check.</summary>
public sealed class BenchFleetCommandTests
{
    [Fact]
    public void Json_has_both_starts_the_projection_and_says_the_figures_are_identical()
    {
        var smoke = Path.Combine(FleetCommandTests.RepoRoot, "config", "fleets", "smoke.conf");
        var (code, output, error) = FleetCommandTests.Run(["bench", "fleet", smoke, "--hosts", "3", "--json"]);

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;

        // smoke.conf has two classes and sweeps memmap-on-memory over two values: 3 hosts of each class in each variant.
        Assert.Equal(12, root.GetProperty("hosts").GetInt64());
        Assert.True(root.GetProperty("identical").GetBoolean());
        foreach (var key in new[] { "copy_hosts_per_s", "boot_hosts_per_s", "copy_vs_boot", "projected_10000_hosts_s", "copy_blocks_per_s", "peak_rss_bytes" })
        {
            Assert.True(root.GetProperty(key).GetDouble() > 0, key);
        }

        Assert.Equal(
            10_000 / root.GetProperty("copy_hosts_per_s").GetDouble(), root.GetProperty("projected_10000_hosts_s").GetDouble(), 0.5);
    }

    [Fact]
    public void A_bad_host_count_is_refused()
    {
        var (code, _, error) = FleetCommandTests.Run(["bench", "fleet", "--hosts", "0"]);

        Assert.NotEqual(0, code);
        Assert.Contains("--hosts must be at least 1", error, StringComparison.Ordinal);
    }
}
