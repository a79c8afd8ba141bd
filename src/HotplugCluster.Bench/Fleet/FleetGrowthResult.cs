namespace HotplugCluster.Bench.Fleet;

/// <summary>
/// What <see cref="FleetGrowth.Run"/> measured after its warm-up runs: a row per fleet size, and how far each per-block cost strays from its median
/// across the sizes (issue 18's bound: ±20%).
/// </summary>
public sealed record FleetGrowthResult(IReadOnlyList<FleetGrowthRow> Rows, int Workers, int Runs, int WarmUps)
{
    /// <summary>The bound on each per-block cost's deviation from its median across sizes, in percent.</summary>
    public const double BoundPercent = 20;

    /// <summary>Largest deviation of wall time per block from its median across the sizes, in percent.</summary>
    public double WallSpreadPercent => Spread(Rows.Select(r => r.WallNsPerBlock));

    /// <summary>Largest deviation of CPU time per block from its median across the sizes, in percent.</summary>
    public double CpuSpreadPercent => Spread(Rows.Select(r => r.CpuNsPerBlock));

    /// <summary>Largest deviation of the hosts' wall time per block (without the prefixes) from its median across the sizes, in percent.</summary>
    public double HostsWallSpreadPercent => Spread(Rows.Select(r => r.HostsWallNsPerBlock));

    /// <summary>Largest deviation of the hosts' CPU time per block (without the prefixes) from its median across the sizes, in percent.</summary>
    public double HostsCpuSpreadPercent => Spread(Rows.Select(r => r.HostsCpuNsPerBlock));

    /// <summary>Largest deviation of allocated bytes per block from its median across the sizes, in percent.</summary>
    public double AllocatedSpreadPercent => Spread(Rows.Select(r => r.AllocatedBytesPerBlock));

    /// <summary>Whether wall time, CPU time and allocation per block, prefixes included, all stay within <see cref="BoundPercent"/> of their medians.</summary>
    public bool WithinBound => WallSpreadPercent <= BoundPercent && CpuSpreadPercent <= BoundPercent && AllocatedSpreadPercent <= BoundPercent;

    /// <summary>Whether the hosts' wall and CPU time per block, without the prefixes, stay within <see cref="BoundPercent"/> of their medians.</summary>
    public bool HostsWithinBound => HostsWallSpreadPercent <= BoundPercent && HostsCpuSpreadPercent <= BoundPercent;

    /// <summary>
    /// A run's fixed CPU cost beyond the class prefixes, in seconds: the intercept of the least-squares line through each size's
    /// hosts CPU time (median run, prefixes left out) against its blocks; null with fewer than two distinct sizes. A run pays it
    /// whatever its size (its workers' systems, the start of its heap, code not yet in its last JIT tier), so it weighs on the
    /// smallest size's per-block figure and vanishes into the largest's.
    /// </summary>
    public double? FixedCpuSeconds => Fit() is { } fit ? fit.Fixed : null;

    /// <summary>CPU nanoseconds per block beyond <see cref="FixedCpuSeconds"/>: the same line's slope; null with fewer than two distinct sizes.</summary>
    public double? MarginalCpuNsPerBlock => Fit() is { } fit ? fit.PerBlock * 1e9 : null;

    /// <summary>
    /// Largest deviation from its median of each size's CPU per block once <see cref="FixedCpuSeconds"/> is taken off, in
    /// percent; null below three distinct sizes (a line through two points leaves no deviation to read).
    /// </summary>
    public double? MarginalCpuSpreadPercent => Fit() is { } fit && DistinctSizes >= 3
        ? Spread(Rows.Select(r => (r.HostsCpuSeconds.Median - fit.Fixed) * 1e9 / r.Blocks))
        : null;

    private int DistinctSizes => Rows.Select(r => r.Blocks).Distinct().Count();

    private (double Fixed, double PerBlock)? Fit()
    {
        if (DistinctSizes < 2)
        {
            return null;
        }

        var meanX = Rows.Average(r => (double)r.Blocks);
        var meanY = Rows.Average(r => r.HostsCpuSeconds.Median);
        var sxy = Rows.Sum(r => (r.Blocks - meanX) * (r.HostsCpuSeconds.Median - meanY));
        var sxx = Rows.Sum(r => (r.Blocks - meanX) * (r.Blocks - meanX));
        var perBlock = sxy / sxx;
        return (meanY - (perBlock * meanX), perBlock);
    }

    private static double Spread(IEnumerable<double> perBlock)
    {
        var values = perBlock.ToArray();
        var median = Figure.Of(values).Median;
        return median == 0 ? 0 : values.Max(v => Math.Abs(v - median)) / median * 100;
    }
}
