using System.Diagnostics;
using System.Text.Json;
using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Fleet.Results;
using HotplugCluster.Fleet.Runs;

namespace HotplugCluster.Bench.Fleet;

/// <summary>
/// Fleet throughput: the same hosts run with <c>fleet.host-start = copy</c>, and with <c>boot</c> as the baseline in the
/// same run; the two must give identical figures (every host's), which the result says.
/// </summary>
public static class FleetBench
{
    /// <summary>Hosts of the scale target, what <see cref="FleetBenchResult.ProjectedTargetSeconds"/> projects to.</summary>
    public const int TargetHosts = 10_000;

    /// <summary>Runs <paramref name="plan"/> both ways on <paramref name="workers"/> workers; each figure is the fastest of <paramref name="runs"/> runs.</summary>
    public static FleetBenchResult Run(FleetPlan plan, int workers, int runs)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var options = new FleetRunOptions { Parallelism = workers };

        // Warm-up, not timed: a few hosts of the first variant both ways, so that neither figure pays for compiling the code.
        var warm = FirstVariantCapped(plan, 2);
        FleetRunner.Run(warm with { HostStart = FleetHostStart.Copy }, options);
        FleetRunner.Run(warm with { HostStart = FleetHostStart.Boot }, options);

        var (copy, copySeconds) = Fastest(plan with { HostStart = FleetHostStart.Copy }, options, runs);
        var (boot, bootSeconds) = Fastest(plan with { HostStart = FleetHostStart.Boot }, options, runs);
        var hosts = plan.TotalHosts;
        return new FleetBenchResult(
            hosts,
            copy.Blocks,
            FleetRunner.Workers(plan, options),
            copySeconds,
            hosts / copySeconds,
            copy.Blocks / copySeconds,
            bootSeconds,
            hosts / bootSeconds,
            Figures(copy) == Figures(boot));
    }

    /// <summary>The first variant of <paramref name="plan"/> alone, with at most <paramref name="hosts"/> hosts of each class: a warm-up run.</summary>
    internal static FleetPlan FirstVariantCapped(FleetPlan plan, int hosts)
    {
        var first = plan.Variants[0];
        return plan with { Variants = [first with { Classes = [.. first.Classes.Select(c => c with { Count = Math.Min(c.Count, hosts) })] }] };
    }

    /// <summary>Every host's figures of every variant, as text to compare.</summary>
    public static string Figures(FleetResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Serialize(result.Variants.Select(v => v.Hosts.ToArray()));
    }

    private static (FleetResult Result, double Seconds) Fastest(FleetPlan plan, FleetRunOptions options, int runs)
    {
        FleetResult? result = null;
        var best = double.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            result = FleetRunner.Run(plan, options);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        return (result!, best);
    }
}

/// <summary>What <see cref="FleetBench.Run"/> measured: hosts and blocks per second with a copy start and, the baseline, with every host booted.</summary>
public sealed record FleetBenchResult(
    long Hosts,
    long Blocks,
    int Workers,
    double CopySeconds,
    double CopyHostsPerSecond,
    double CopyBlocksPerSecond,
    double BootSeconds,
    double BootHostsPerSecond,
    bool Identical)
{
    /// <summary>How many times faster the copy start ran than the booted baseline.</summary>
    public double CopyVsBoot => CopyHostsPerSecond / BootHostsPerSecond;

    /// <summary>Seconds the 10,000-host target would take at the copy start's rate.</summary>
    public double ProjectedTargetSeconds => FleetBench.TargetHosts / CopyHostsPerSecond;
}
