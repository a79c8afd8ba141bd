namespace HotplugCluster.Bench.Fleet;

/// <summary>
/// One fleet size of a growth run: its hosts and blocks, and per memory block the wall time, the CPU time (user + system, every
/// thread of the process: workers, JIT, GC; the system part, page faults and futex waits and wakes, also apart) and the
/// managed bytes allocated, each also without the variants' class prefixes (boot, hot-add and online, run once per class
/// before the hosts start); the largest peak RSS of its runs; its GC
/// collections per run (a generation's count includes the collections of the generations above it), pause and JIT time
/// (all threads, JitInfo.GetCompilationTime) per run, and its minor page faults per run (null where /proc/self/stat is missing). Time
/// and allocation figures are the medians of the size's runs.
/// </summary>
public sealed record FleetGrowthRow(
    long Hosts,
    long Blocks,
    Figure WallSeconds,
    Figure CpuSeconds,
    Figure SystemCpuSeconds,
    Figure PrefixWallSeconds,
    Figure PrefixCpuSeconds,
    Figure HostsWallSeconds,
    Figure HostsCpuSeconds,
    Figure AllocatedBytes,
    long PeakRssBytes,
    bool PeakRssOwn,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    double GcPauseSeconds,
    double JitSeconds,
    long? MinorFaults)
{
    /// <summary>Wall nanoseconds per block (median run).</summary>
    public double WallNsPerBlock => WallSeconds.Median * 1e9 / Blocks;

    /// <summary>CPU nanoseconds per block (median run), all threads.</summary>
    public double CpuNsPerBlock => CpuSeconds.Median * 1e9 / Blocks;

    /// <summary>Wall nanoseconds per block of the hosts alone, after the prefixes (median run).</summary>
    public double HostsWallNsPerBlock => HostsWallSeconds.Median * 1e9 / Blocks;

    /// <summary>CPU nanoseconds per block of the hosts alone, after the prefixes (median run).</summary>
    public double HostsCpuNsPerBlock => HostsCpuSeconds.Median * 1e9 / Blocks;

    /// <summary>Managed bytes allocated per block (median run): what a block costs the GC, whatever the fleet size.</summary>
    public double AllocatedBytesPerBlock => AllocatedBytes.Median / Blocks;

    /// <summary>Peak RSS per block: falls as the fleet grows, since hosts stream through and memory holds only those in flight.</summary>
    public double PeakRssBytesPerBlock => (double)PeakRssBytes / Blocks;
}
