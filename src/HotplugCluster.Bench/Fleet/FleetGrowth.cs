using System.Diagnostics;
using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Fleet.Runs;

namespace HotplugCluster.Bench.Fleet;

/// <summary>
/// How a fleet's cost grows with its size (issue 18, point 6): the same fleet run at several host counts in one process,
/// smallest first after a warm-up, each size measured for wall time, CPU time, allocation, GC and peak RSS, per memory
/// block. A fleet streams its hosts through its workers, so time and allocation per block should stay flat while the peak
/// RSS stays near that of the hosts in flight.
/// </summary>
public static class FleetGrowth
{
    /// <summary>The sizes the issue names: 100, 1,000 and 10,000 hosts of the scale-target class.</summary>
    public static readonly IReadOnlyList<int> DefaultSizes = [100, 1_000, 10_000];

    /// <summary>
    /// Runs each plan of <paramref name="sizes"/> (a plan per size, smallest first) <paramref name="runs"/> times on
    /// <paramref name="workers"/> workers, after two untimed runs of the first size so that no size pays for compiling the code.
    /// </summary>
    /// <remarks>
    /// A warm-up of two hosts (what <see cref="FleetBench"/> does) leaves the hot methods at their first JIT tier: the first
    /// timed size then paid for the rest of tiered compilation (20 hosts of the scale target: 16,300 CPU ns per block
    /// against 5,600 at 60 hosts). One run of 100 hosts is not enough either: six timed 100-host runs after it read 3,018
    /// CPU ns per block (without the prefix) for the first and 2,281-2,681 for the five after it.
    /// </remarks>
    public static FleetGrowthResult Run(IReadOnlyList<FleetPlan> sizes, int workers, int runs)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentOutOfRangeException.ThrowIfZero(sizes.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var options = new FleetRunOptions { Parallelism = workers };
        FleetRunner.Run(sizes[0], options);
        FleetRunner.Run(sizes[0], options);

        var rows = new List<FleetGrowthRow>();
        foreach (var plan in sizes)
        {
            rows.Add(Measure(plan, options, runs));
        }

        return new FleetGrowthResult(rows, FleetRunner.Workers(sizes[0], options), runs);
    }

    private static FleetGrowthRow Measure(FleetPlan plan, FleetRunOptions options, int runs)
    {
        // A full collection first, so that no size pays for the garbage of the one before it.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var own = PeakRss.TryReset();
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var pause = GC.GetTotalPauseDuration();
        var wall = new List<double>();
        var cpu = new List<double>();
        var prefixWall = new List<double>();
        var prefixCpu = new List<double>();
        var allocated = new List<double>();
        long blocks = 0;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            // Each variant's class prefixes (boot, hot-add, online: once per class) run on the calling thread before its
            // hosts start: a fixed cost per variant, timed apart so that the per-block cost of the hosts can be read alone.
            var watch = new Stopwatch();
            double prefixWallRun = 0, prefixCpuRun = 0, variantWall = 0, variantCpu = 0;
            var timed = options with
            {
                VariantStarting = _ => (variantWall, variantCpu) = (watch.Elapsed.TotalSeconds, CpuSeconds(process)),
                HostsStarting = _ =>
                {
                    prefixWallRun += watch.Elapsed.TotalSeconds - variantWall;
                    prefixCpuRun += CpuSeconds(process) - variantCpu;
                },
            };
            var cpuBefore = CpuSeconds(process);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            watch.Start();
            blocks = FleetRunner.Run(plan, timed).Blocks;
            wall.Add(watch.Elapsed.TotalSeconds);
            allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
            cpu.Add(CpuSeconds(process) - cpuBefore);
            prefixWall.Add(prefixWallRun);
            prefixCpu.Add(prefixCpuRun);
        }

        return new FleetGrowthRow(
            plan.TotalHosts,
            blocks,
            Figure.Of(wall),
            Figure.Of(cpu),
            Figure.Of(prefixWall),
            Figure.Of(prefixCpu),
            Figure.Of([.. wall.Zip(prefixWall, (w, p) => w - p)]),
            Figure.Of([.. cpu.Zip(prefixCpu, (c, p) => c - p)]),
            Figure.Of(allocated),
            PeakRss.Read(),
            own,
            (GC.CollectionCount(0) - gen0) / runs,
            (GC.CollectionCount(1) - gen1) / runs,
            (GC.CollectionCount(2) - gen2) / runs,
            (GC.GetTotalPauseDuration() - pause).TotalSeconds / runs);
    }

    // User + system time of every thread of the process so far.
    private static double CpuSeconds(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime.TotalSeconds;
    }
}
