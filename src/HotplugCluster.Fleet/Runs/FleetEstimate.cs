using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Fleet.Results;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Fleet.Runs;

/// <summary>
/// The memory a fleet run needs, estimated before it starts. Hosts run a few at a time (each island is torn down when
/// its host is measured), so the peak is the process baseline, plus the hosts in flight times their blocks times the
/// measured cost of a block actor with its slot, plus the per-host results kept for the report, plus the events of
/// hosts whose full journal is kept.
/// </summary>
public static class FleetEstimate
{
    /// <summary>Runtime, JIT, actor runtime and GC headroom: 1,000 hosts of 6,144 blocks on 2 workers peaked at 155 MiB (rounded up).</summary>
    public static ByteSize Baseline { get; } = ByteSize.FromMiB(160);

    /// <summary>Managed bytes per memory block while its host runs: actor cell, mailbox, block actor, table slot (measured 648-779 B by FleetProbe, rounded up).</summary>
    public const long BytesPerBlock = 1024;

    /// <summary>Bytes per kept <see cref="HostResult"/>.</summary>
    public const long BytesPerHostResult = 1024;

    /// <summary>Bytes per kernel event kept for a full journal (event record, log entry, JSON line buffered).</summary>
    public const long BytesPerEvent = 400;

    /// <summary>Hosts whose islands are alive at once for <paramref name="parallelism"/> workers.</summary>
    public static int HostsInFlight(int parallelism) => Math.Max(1, parallelism) * 2;

    /// <summary>Memory blocks of one host: its DRAM and CXL capacity over the block size.</summary>
    public static long BlocksPerHost(HostSettings host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var layout = host.Resolve().GetOrThrow();
        var bytes = layout.Dram.Sum(d => (double)d.Size.Bytes) + layout.CxlWindows.Sum(w => (double)w.Size.Bytes);
        return (long)(bytes / layout.BlockSize.Bytes);
    }

    /// <summary>The estimated peak of running <paramref name="plan"/> with <paramref name="parallelism"/> workers.</summary>
    public static ByteSize PeakBytes(FleetPlan plan, int parallelism, bool fullJournal)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var largestHost = plan.Variants.SelectMany(v => v.Classes).Max(c => BlocksPerHost(c.Host));
        var perHostBlocks = largestHost * BytesPerBlock;
        var results = plan.TotalHosts * BytesPerHostResult;

        // A full journal keeps every event of every host: a few events per block and operation.
        var events = fullJournal ? plan.TotalBlocks * 8 * BytesPerEvent : 0;
        var total = (double)Baseline.Bytes + (HostsInFlight(parallelism) * (double)perHostBlocks) + results + events;
        return new ByteSize((ulong)Math.Min(total, ulong.MaxValue / 2.0));
    }
}
