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

    private static double Spread(IEnumerable<double> perBlock)
    {
        var values = perBlock.ToArray();
        var median = Figure.Of(values).Median;
        return median == 0 ? 0 : values.Max(v => Math.Abs(v - median)) / median * 100;
    }
}
