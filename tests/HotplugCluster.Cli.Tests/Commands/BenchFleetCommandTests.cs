using System.Text.Json;
using HotplugCluster.Cli.Commands;
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

        // copy_hosts_per_s is rounded to 0.01 and the projection to 0.1 s: on a slow machine (a few hosts per second) the first
        // rounding alone moves 10,000 / rate by more than a second, so the projection must lie between the two rates it rounds from.
        var rate = root.GetProperty("copy_hosts_per_s").GetDouble();
        Assert.InRange(
            root.GetProperty("projected_10000_hosts_s").GetDouble(), (10_000 / (rate + 0.005)) - 0.05, (10_000 / Math.Max(rate - 0.005, 1e-9)) + 0.05);
    }

    [Fact]
    public void A_copy_start_far_slower_than_the_baseline_still_has_a_ratio_above_zero()
    {
        // 12 hosts: the copy run stalled for 4 s, the baseline took 20 ms (what a CI run on a loaded machine printed as 0).
        var result = new HotplugCluster.Bench.Fleet.FleetBenchResult(12, 624, 2, 4.0, 3.0, 156, 0.02, 600, true);

        using var doc = JsonDocument.Parse(BenchFleetCommand.ToJson(result, 1, 1));

        Assert.Equal(0.005, doc.RootElement.GetProperty("copy_vs_boot").GetDouble());
    }

    [Fact]
    public void Growth_reports_each_size_per_block_and_the_spread_across_sizes()
    {
        var smoke = Path.Combine(FleetCommandTests.RepoRoot, "config", "fleets", "smoke.conf");
        var (code, output, error) = FleetCommandTests.Run(["bench", "fleet", smoke, "--growth", "--sizes", "1", "3", "--json"]);

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        var sizes = root.GetProperty("sizes").EnumerateArray().ToArray();

        Assert.InRange(root.GetProperty("warm_up_runs").GetInt32(), HotplugCluster.Bench.Fleet.FleetGrowth.MinWarmUps, HotplugCluster.Bench.Fleet.FleetGrowth.MaxWarmUps);

        // No --runs: five rounds of every size, the least each figure's min/median/max is taken over.
        Assert.Equal(HotplugCluster.Bench.Fleet.FleetGrowth.DefaultRuns, root.GetProperty("runs_per_size").GetInt32());
        Assert.All(sizes, s => Assert.True(s.GetProperty("jit_s").GetDouble() >= 0));
        Assert.All(sizes, s => Assert.True(s.GetProperty("minor_faults").GetInt64() >= 0));

        // smoke.conf: two classes, two variants, so 4 and 12 hosts; blocks grow with the hosts, since every host is alike.
        Assert.Equal([4L, 12L], sizes.Select(s => s.GetProperty("hosts").GetInt64()));
        Assert.Equal(3 * sizes[0].GetProperty("blocks").GetInt64(), sizes[1].GetProperty("blocks").GetInt64());
        foreach (var size in sizes)
        {
            foreach (var key in new[] { "wall_s", "cpu_s", "prefix_wall_s", "wall_ns_per_block", "cpu_ns_per_block", "hosts_wall_ns_per_block", "allocated_bytes_per_block", "peak_rss_bytes" })
            {
                Assert.True(size.GetProperty(key).GetDouble() > 0, key);
            }

            foreach (var key in new[] { "wall_s", "cpu_s", "system_cpu_s", "prefix_wall_s", "prefix_cpu_s" })
            {
                Assert.InRange(size.GetProperty(key).GetDouble(), size.GetProperty($"{key}_min").GetDouble(), size.GetProperty($"{key}_max").GetDouble());
            }

            // The system part of the CPU time is a part of it.
            Assert.InRange(size.GetProperty("system_cpu_s").GetDouble(), 0, size.GetProperty("cpu_s").GetDouble());

            // The class prefixes run inside the timed run: the hosts alone take less wall time than the whole.
            Assert.True(size.GetProperty("prefix_wall_s").GetDouble() <= size.GetProperty("wall_s").GetDouble());
            Assert.True(size.GetProperty("hosts_wall_ns_per_block").GetDouble() < size.GetProperty("wall_ns_per_block").GetDouble());

            // cpu_s is rounded to the millisecond, the per-block figure is not.
            var blocks = size.GetProperty("blocks").GetInt64();
            Assert.Equal(size.GetProperty("cpu_s").GetDouble() * 1e9 / blocks, size.GetProperty("cpu_ns_per_block").GetDouble(), (0.0005e9 / blocks) + 1);
        }

        // Two sizes: the fixed cost and the cost per block are the line through both, so together they give each size's hosts CPU
        // (to the rounding of the two figures), and no spread is left to read.
        var fixedCpu = root.GetProperty("fixed_cpu_s").GetDouble();
        var marginal = root.GetProperty("marginal_cpu_ns_per_block").GetDouble();
        foreach (var size in sizes)
        {
            var blocks = size.GetProperty("blocks").GetInt64();
            Assert.Equal(size.GetProperty("hosts_cpu_ns_per_block").GetDouble() * blocks / 1e9, fixedCpu + (marginal * blocks / 1e9), 0.001);
        }

        Assert.Equal(JsonValueKind.Null, root.GetProperty("marginal_cpu_spread_percent").ValueKind);

        // Two sizes: the median is their mean, so each strays from it by half their difference.
        var perBlock = sizes.Select(s => s.GetProperty("allocated_bytes_per_block").GetDouble()).ToArray();
        var mean = perBlock.Average();
        Assert.Equal(Math.Abs(perBlock[0] - mean) / mean * 100, root.GetProperty("allocated_spread_percent").GetDouble(), 0.2);
        Assert.Equal(
            root.GetProperty("wall_spread_percent").GetDouble() <= 20 && root.GetProperty("cpu_spread_percent").GetDouble() <= 20
                && root.GetProperty("allocated_spread_percent").GetDouble() <= 20,
            root.GetProperty("within_bound").GetBoolean());
    }

    [Fact]
    public void Growth_refuses_a_size_below_one()
    {
        var (code, _, error) = FleetCommandTests.Run(["bench", "fleet", "--growth", "--sizes", "100", "0"]);

        Assert.NotEqual(0, code);
        Assert.Contains("--sizes must be at least 1, found 0", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Growth_refuses_fewer_than_one_round()
    {
        var (code, _, error) = FleetCommandTests.Run(["bench", "fleet", "--growth", "--runs", "0"]);

        Assert.NotEqual(0, code);
        Assert.Contains("--runs must be at least 1, found 0", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_host_count_is_refused()
    {
        var (code, _, error) = FleetCommandTests.Run(["bench", "fleet", "--hosts", "0"]);

        Assert.NotEqual(0, code);
        Assert.Contains("--hosts must be at least 1", error, StringComparison.Ordinal);
    }
}
