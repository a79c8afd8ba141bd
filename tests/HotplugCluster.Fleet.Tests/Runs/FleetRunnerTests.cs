using System.Text.Json;
using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Fleet.Results;
using HotplugCluster.Fleet.Runs;
using HotplugCluster.Simulation.Tests;

namespace HotplugCluster.Fleet.Tests.Runs;

public sealed class FleetRunnerTests
{
    private static FleetPlan Smoke => FleetConfig.Read(TestRepo.LoadFile("config/fleets/smoke.conf"));

    [Fact]
    public void Smoke_fleet_gives_identical_results_on_one_worker_or_two()
    {
        var one = FleetRunner.Run(Smoke, new FleetRunOptions { Parallelism = 1 });
        var two = FleetRunner.Run(Smoke, new FleetRunOptions { Parallelism = 2 });

        Assert.Equal(1, one.Workers);
        Assert.Equal(2, two.Workers);
        Assert.Equal(Serialize(one), Serialize(two));
    }

    [Fact]
    public void Stage_callbacks_bracket_each_variants_prefixes_before_any_of_its_hosts_runs()
    {
        var stages = new List<string>();
        var options = new FleetRunOptions
        {
            Parallelism = 2,
            VariantStarting = v => stages.Add($"variant {v}"),
            HostsStarting = v => stages.Add($"hosts {v}"),
            Progress = (done, _) =>
            {
                lock (stages)
                {
                    stages.Add("host");
                }
            },
        };

        FleetRunner.Run(Smoke, options);

        // smoke.conf: two variants of 5 hosts each (3 + 2).
        string[] hosts = ["host", "host", "host", "host", "host"];
        Assert.Equal(["variant 0", "hosts 0", .. hosts, "variant 1", "hosts 1", .. hosts], stages);
    }

    [Fact]
    public void Memmap_overhead_is_exactly_one_64th_of_the_added_memory_in_every_variant()
    {
        var result = FleetRunner.Run(Smoke);

        Assert.Equal(2, result.Variants.Length);
        foreach (var v in result.Variants)
        {
            Assert.True(v.CxlAddedBytes > 0, v.Variant.Label);
            Assert.Equal(0, v.CxlAddedBytes % 64);
            Assert.Equal(v.CxlAddedBytes / 64, v.MemmapBytes);
            foreach (var h in v.Hosts)
            {
                Assert.Equal(h.CxlAddedBytes / 64, h.MemmapDramBytes + h.AltmapCxlBytes);
            }
        }
    }

    [Fact]
    public void Memmap_overhead_is_one_64th_of_the_added_memory_across_block_sizes_versions_and_policies()
    {
        var plan = FleetConfig.Read(TestRepo.Load("""
            fleet {
              classes = [ {
                name = t
                host {
                  numa-nodes = [ { id = 0, cpus = 2, dram = 4GiB }, { id = 1 } ]
                  cxl-devices = [ { capacity = 2GiB, target-node = 1 }, { capacity = 3GiB, target-node = 1 } ]
                }
              } ]
              timeline = [hot-add-cxl, online, fill]
              sweep {
                host.kernel.version = ["6.1", "6.8"]
                host.kernel.memmap-on-memory = [off, on]
                host.kernel.memory-block-size = [128MiB, 256MiB, 2GiB]
                host.kernel.online-policy = [contig-zones, auto-movable]
              }
            }
            """, "fleet.conf"));

        var result = FleetRunner.Run(plan);

        Assert.Equal(24, result.Variants.Length);
        foreach (var v in result.Variants)
        {
            Assert.True(v.CxlAddedBytes > 0, v.Variant.Label);
            Assert.Equal(v.CxlAddedBytes / 64, v.MemmapBytes);
            Assert.Equal(v.CxlCapacityBytes, v.CxlAddedBytes + v.StrandedBytes);
        }

        // A 3 GiB device in 2 GiB blocks strands 1 GiB; 6.1's kmem passes MHP_NID_IS_MGID only, so it never takes an altmap.
        Assert.All(result.Variants.Where(v => v.Variant.Label.Contains("2GiB", StringComparison.Ordinal)), v => Assert.Equal(1L << 30, v.StrandedBytes));
        Assert.All(result.Variants.Where(v => v.Variant.Label.StartsWith("version=6.1", StringComparison.Ordinal)), v => Assert.Equal(0, v.AltmapCxlBytes));
        Assert.All(result.Variants.Where(v => v.Variant.Label.StartsWith("version=6.8, memmap-on-memory=on", StringComparison.Ordinal)), v => Assert.Equal(0, v.MemmapDramBytes));
    }

    [Fact]
    public void Memmap_on_memory_moves_the_memmap_from_DRAM_to_CXL_altmaps()
    {
        var result = FleetRunner.Run(Smoke);
        var off = result.Variants.Single(v => v.Variant.Label == "memmap-on-memory=off");
        var on = result.Variants.Single(v => v.Variant.Label == "memmap-on-memory=on");

        Assert.Equal(off.CxlAddedBytes / 64, off.MemmapDramBytes);
        Assert.Equal(0, off.AltmapCxlBytes);
        Assert.Equal(0, on.MemmapDramBytes);
        Assert.Equal(on.CxlAddedBytes / 64, on.AltmapCxlBytes);
        Assert.Equal(on.CxlAddedBytes - on.AltmapCxlBytes, on.UsableCxlBytes);
        Assert.True(on.FreeRanges1G < off.FreeRanges1G || off.FreeRanges1G == 0, $"on {on.FreeRanges1G}, off {off.FreeRanges1G}");
    }

    [Fact]
    public void Reclaim_attempts_the_fraction_of_each_device_and_accounts_every_block()
    {
        var result = FleetRunner.Run(Smoke);

        foreach (var v in result.Variants)
        {
            foreach (var h in v.Hosts)
            {
                // smoke.conf reclaims 50% by device: small hosts give back the last of their two devices (1 GiB of 128 MiB
                // blocks: 8), two-socket hosts round 0.5 of one device up to it (4 GiB of 256 MiB blocks: 16).
                Assert.Equal(h.Class == "small" ? 8 : 16, h.ReclaimAttempted);
                Assert.Equal(h.ReclaimAttempted, h.ReclaimRemoved + h.ReclaimFailures.Where(f => !f.Key.Contains(':', StringComparison.Ordinal)).Sum(f => f.Value));
                Assert.Empty(h.Problems);
            }
        }
    }

    [Fact]
    public void Device_re_add_gives_back_every_removed_block_online()
    {
        var result = FleetRunner.Run(Smoke);

        foreach (var h in result.Variants.SelectMany(v => v.Hosts))
        {
            Assert.Equal(h.ReclaimRemoved, h.ReAdded);
            Assert.DoesNotContain(h.ReclaimFailures.Keys, k => k.StartsWith("re-add", StringComparison.Ordinal));
        }

        Assert.Contains(result.Variants.SelectMany(v => v.Hosts), h => h.ReclaimRemoved > 0);
    }

    [Fact]
    public void A_host_gives_the_same_figures_whatever_the_size_of_the_fleet_around_it()
    {
        var three = FleetRunner.Run(Plan(count: 3, seed: 5));
        var five = FleetRunner.Run(Plan(count: 5, seed: 5), new FleetRunOptions { Parallelism = 2 });
        var other = FleetRunner.Run(Plan(count: 3, seed: 6));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Serialize(three.Variants[0].Hosts[i]), Serialize(five.Variants[0].Hosts[i]));
        }

        // Another fleet seed draws other workloads: some host ends up with other figures.
        Assert.NotEqual(Serialize(three), Serialize(other));
    }

    [Fact]
    public void Two_GiB_blocks_with_memmap_on_memory_keep_every_other_CXL_1GiB_range_clean()
    {
        var result = FleetRunner.Run(Plan(count: 1, seed: 1, blockSize: "2GiB", memmap: "on", timeline: "[hot-add-cxl, {op = online, type = online_movable}]"));
        var h = result.Variants[0].Hosts[0];

        // 8 GiB DRAM: each node's 64 MiB boot memmap is reserved top-down, in the top 1 GiB range of its last block (2 of
        // 8 ranges), and x86_64 reserves the first MiB (1 more). 4 GiB CXL in two 2 GiB blocks whose 32 MiB altmaps sit
        // in their first 1 GiB range (2 of 4 ranges).
        Assert.Equal(8 + 4, h.Ranges1G);
        Assert.Equal(4 * 1024L * 1024 * 1024 / 64, h.AltmapCxlBytes);
        Assert.Equal(0, h.MemmapDramBytes);
        Assert.Equal(5 + 2, h.FreeRanges1G);
    }

    [Fact]
    public void Block_reclaim_offlines_and_removes_the_top_fraction_of_every_device()
    {
        var result = FleetRunner.Run(Plan(count: 2, seed: 3, timeline: "[hot-add-cxl, {op = online, type = online_movable}, {op = reclaim, fraction = 0.25, granularity = block}, re-add]"));

        foreach (var h in result.Variants[0].Hosts)
        {
            // 4 GiB of CXL in 256 MiB blocks: 16 blocks, a quarter of them. Nothing is allocated, so every block goes.
            Assert.Equal(4, h.ReclaimAttempted);
            Assert.Equal(4, h.ReclaimRemoved);
            Assert.Equal(16 + 32, h.Blocks); // at its largest, before the reclaim

            // Every removed block is re-added or its failure counted (the model keeps kmem's resource whole: -EEXIST).
            Assert.Equal(h.ReclaimRemoved, h.ReAdded + h.ReclaimFailures.Where(f => f.Key.StartsWith("re-add", StringComparison.Ordinal)).Sum(f => f.Value));
        }
    }

    private static FleetPlan Plan(int count, long seed, string blockSize = "256MiB", string memmap = "off", string timeline = "[hot-add-cxl, online, fill, reclaim, re-add]") =>
        FleetConfig.Read(TestRepo.Load($$"""
            fleet {
              seed = {{seed}}
              classes = [ {
                name = t, count = {{count}}
                host {
                  kernel { memory-block-size = {{blockSize}}, memmap-on-memory = {{memmap}} }
                  numa-nodes = [ { id = 0, cpus = 2, dram = 4GiB }, { id = 1, cpus = 2, dram = 4GiB }, { id = 2 } ]
                  cxl-devices = [ { capacity = 4GiB, target-node = 2 } ]
                }
                workload { fill = { distribution = uniform, min = 0.2, max = 0.9 }, unmovable = { distribution = uniform, min = 0, max = 0.2 }, pinned = 0 }
              } ]
              timeline = {{timeline}}
            }
            """, "fleet.conf"));

    private static string Serialize(HostResult h) => JsonSerializer.Serialize(h);

    private static string Serialize(FleetResult r) => JsonSerializer.Serialize(r.Variants.Select(v => new { v.Variant.Label, Hosts = v.Hosts.Select(h => h with { }).ToArray() }));
}
