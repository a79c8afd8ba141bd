using System.Diagnostics;
using System.Runtime;
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
    /// <summary>
    /// Warm-up runs at least: code that runs a few times per run (the class prefix's boot, hot-add and online, a run's setup)
    /// reaches its optimized tier only after 60 calls (the runtime's call-count threshold of 30, twice with dynamic PGO:
    /// tier0, then instrumented tier0, then tier1), and until then each run that takes a method past a threshold pays a burst
    /// of compiling on the JIT's background thread. With 8-14 warm-ups (the JIT-share rule alone) every timed run still
    /// compiled for 40-110 ms in its first ~100 hosts (2026-12-06, three timed 1,000-host runs in a row: JIT 0.28, 0.14,
    /// 0.12 s): a fixed cost per run that doubled the CPU per host of a 100-host run while it lasted.
    /// </summary>
    public const int MinWarmUps = 60;

    /// <summary>Warm-up runs at most, when the JIT is still not quiet after <see cref="MinWarmUps"/>.</summary>
    public const int MaxWarmUps = 90;

    /// <summary>
    /// Hosts of each class in a warm-up run, at most (fewer when the first size has fewer): enough for the per-host code,
    /// which runs thousands of times a host; the run count is what promotes the per-run code.
    /// </summary>
    public const int WarmUpHosts = 10;

    /// <summary>A warm-up run whose JIT time is below this share of its CPU time ends the warm-up (after <see cref="MinWarmUps"/>).</summary>
    public const double QuietJitShare = 0.02;

    /// <summary>The sizes the issue names: 100, 1,000 and 10,000 hosts of the scale-target class.</summary>
    public static readonly IReadOnlyList<int> DefaultSizes = [100, 1_000, 10_000];

    /// <summary>Runs per size when the caller names none: the least every figure of <c>--json</c> gives its min/median/max over (issue 18, point 5).</summary>
    public const int DefaultRuns = 5;

    /// <summary>
    /// Runs each plan of <paramref name="sizes"/> (a plan per size, smallest first) <paramref name="runs"/> times on
    /// <paramref name="workers"/> workers, in rounds: each round runs every size once, smallest first, so that each size's
    /// median is taken over the same stretch of time as the others'. Before the rounds come untimed runs of the first size's
    /// first variant (at most <see cref="WarmUpHosts"/> hosts of each class): at least <see cref="MinWarmUps"/>, then until the
    /// JIT is quiet (a run spending under <see cref="QuietJitShare"/> of its CPU compiling, at most <see cref="MaxWarmUps"/>
    /// runs), so that no size pays for compiling the code.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Tiered compilation with dynamic PGO goes on recompiling for many seconds: in a perf profile of seven 100-host runs of the
    /// scale target its background thread took 12% of all samples, spread over the first 18 s. One or two fixed warm-up runs
    /// left the first timed 100-host run paying for it (3,018-3,379 CPU ns per block, against 2,281-2,681 in later runs).
    /// </para>
    /// <para>
    /// Rounds, not each size's runs back to back: this machine's speed drifts by up to 2x within minutes, and measured size
    /// after size the 10,000-host runs (~20 s each) fell in another state of the machine than the 100-host runs (0.25 s)
    /// before them. Five invocations of the final build of 2026-12-07 read 100-host CPU of 668-1,073 ns per block while a
    /// 100-host run repeated within one invocation held within 5%; the spread across sizes was the machine's, not the sizes'.
    /// </para>
    /// </remarks>
    public static FleetGrowthResult Run(IReadOnlyList<FleetPlan> sizes, int workers, int runs)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentOutOfRangeException.ThrowIfZero(sizes.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var options = new FleetRunOptions { Parallelism = workers };
        using var process = Process.GetCurrentProcess();
        var warm = FleetBench.FirstVariantCapped(sizes[0], WarmUpHosts);
        var warmUps = 0;
        while (warmUps < MaxWarmUps)
        {
            var cpu = CpuSeconds(process);
            var jit = JitInfo.GetCompilationTime().TotalSeconds;
            FleetRunner.Run(warm, options);
            warmUps++;
            if (warmUps >= MinWarmUps && JitInfo.GetCompilationTime().TotalSeconds - jit < QuietJitShare * (CpuSeconds(process) - cpu))
            {
                break;
            }
        }

        var measured = sizes.Select(plan => new SizeRuns(plan)).ToArray();
        for (var round = 0; round < runs; round++)
        {
            foreach (var size in measured)
            {
                size.RunOnce(options, process);
            }
        }

        return new FleetGrowthResult([.. measured.Select(s => s.Row())], FleetRunner.Workers(sizes[0], options), runs, warmUps);
    }

    /// <summary>One size's timed runs so far, and what the process's counters moved by while they ran.</summary>
    private sealed class SizeRuns(FleetPlan plan)
    {
        private readonly List<double> _wall = [];
        private readonly List<double> _cpu = [];
        private readonly List<double> _systemCpu = [];
        private readonly List<double> _prefixWall = [];
        private readonly List<double> _prefixCpu = [];
        private readonly List<double> _allocated = [];
        private long _blocks;
        private long _peakRss;
        private bool _peakRssOwn = true;
        private int _gen0;
        private int _gen1;
        private int _gen2;
        private TimeSpan _pause;
        private TimeSpan _jit;
        private long? _faults = 0;

        public void RunOnce(FleetRunOptions options, Process process)
        {
            // A full collection first, so that no run pays for the garbage of the one before it.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            _peakRssOwn &= PeakRss.TryReset();
            var gen0 = GC.CollectionCount(0);
            var gen1 = GC.CollectionCount(1);
            var gen2 = GC.CollectionCount(2);
            var pause = GC.GetTotalPauseDuration();
            var jit = JitInfo.GetCompilationTime();
            var faults = PageFaults.Minor();

            // Each variant's class prefixes (boot, hot-add, online: once per class) run on the calling thread before its
            // hosts start: a fixed cost per variant, timed apart so that the per-block cost of the hosts can be read alone.
            var watch = new Stopwatch();
            double prefixWall = 0, prefixCpu = 0, variantWall = 0, variantCpu = 0;
            var timed = options with
            {
                VariantStarting = _ => (variantWall, variantCpu) = (watch.Elapsed.TotalSeconds, CpuSeconds(process)),
                HostsStarting = _ =>
                {
                    prefixWall += watch.Elapsed.TotalSeconds - variantWall;
                    prefixCpu += CpuSeconds(process) - variantCpu;
                },
            };
            var cpuBefore = CpuSeconds(process);
            var systemBefore = process.PrivilegedProcessorTime.TotalSeconds;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            watch.Start();
            _blocks = FleetRunner.Run(plan, timed).Blocks;
            _wall.Add(watch.Elapsed.TotalSeconds);
            _allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
            _cpu.Add(CpuSeconds(process) - cpuBefore);
            _systemCpu.Add(process.PrivilegedProcessorTime.TotalSeconds - systemBefore);
            _prefixWall.Add(prefixWall);
            _prefixCpu.Add(prefixCpu);
            _peakRss = Math.Max(_peakRss, PeakRss.Read());
            _gen0 += GC.CollectionCount(0) - gen0;
            _gen1 += GC.CollectionCount(1) - gen1;
            _gen2 += GC.CollectionCount(2) - gen2;
            _pause += GC.GetTotalPauseDuration() - pause;
            _jit += JitInfo.GetCompilationTime() - jit;
            _faults = _faults is { } sum && faults is { } before && PageFaults.Minor() is { } after ? sum + (after - before) : null;
        }

        public FleetGrowthRow Row()
        {
            var runs = _wall.Count;
            return new FleetGrowthRow(
                plan.TotalHosts,
                _blocks,
                Figure.Of(_wall),
                Figure.Of(_cpu),
                Figure.Of(_systemCpu),
                Figure.Of(_prefixWall),
                Figure.Of(_prefixCpu),
                Figure.Of([.. _wall.Zip(_prefixWall, (w, p) => w - p)]),
                Figure.Of([.. _cpu.Zip(_prefixCpu, (c, p) => c - p)]),
                Figure.Of(_allocated),
                _peakRss,
                _peakRssOwn,
                _gen0 / runs,
                _gen1 / runs,
                _gen2 / runs,
                _pause.TotalSeconds / runs,
                _jit.TotalSeconds / runs,
                _faults / runs);
        }
    }

    // User + system time of every thread of the process so far.
    private static double CpuSeconds(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime.TotalSeconds;
    }
}
