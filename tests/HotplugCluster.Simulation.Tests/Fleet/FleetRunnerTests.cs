using System.Text.Json;
using HotplugCluster.Simulation.Fleet;

namespace HotplugCluster.Simulation.Tests.Fleet;

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
    public void Memmap_on_memory_moves_the_memmap_from_DRAM_to_CXL_altmaps()
    {
        var result = FleetRunner.Run(Smoke);
        var off = result.Variants.Single(v => v.Variant.Label == "memmap-on-memory=off");
        var on = result.Variants.Single(v => v.Variant.Label == "memmap-on-memory=on");

        Assert.Equal(off.CxlAddedBytes / 64, off.MemmapDramBytes);
        Assert.Equal(0, off.AltmapCxlBytes);
        Assert.Equal(0, on.MemmapDramBytes);
        Assert.Equal(on.CxlAddedBytes / 64, on.AltmapCxlBytes);
        Assert.Equal(on.CxlAddedBytes - on.AltmapCxlBytes, on.UsableCxlBytes + RemovedBeforeMeasure(on));
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
                // smoke.conf reclaims 50%: small hosts have 2 GiB + 1 GiB of 128 MiB blocks (8 + 4), two-socket 4 GiB of 256 MiB (8).
                Assert.Equal(h.Class == "small" ? 12 : 8, h.ReclaimAttempted);
                Assert.Equal(h.ReclaimAttempted, h.ReclaimRemoved + h.ReclaimFailures.Where(f => !f.Key.Contains(':', StringComparison.Ordinal)).Sum(f => f.Value));
                Assert.Empty(h.Problems);
            }
        }
    }

    private static long RemovedBeforeMeasure(VariantResult v) => 0;

    private static string Serialize(FleetResult r) => JsonSerializer.Serialize(r.Variants.Select(v => new { v.Variant.Label, Hosts = v.Hosts.Select(h => h with { }).ToArray() }));
}
