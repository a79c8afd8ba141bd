using System.Collections.Immutable;
using HotplugCluster.Actors;
using HotplugCluster.Actors.Dispatch;
using HotplugCluster.Fleet.Configuration;

namespace HotplugCluster.Fleet.Runs;

/// <summary>Measures what one host costs in memory while it runs: managed bytes per memory block with the host's actors alive.</summary>
public static class FleetProbe
{
    /// <summary>Blocks the probe runs at least (small hosts are run several times) so that heap noise stays far below the figure.</summary>
    public const int MinBlocks = 32_768;

    /// <summary>
    /// Boots hosts of <paramref name="cls"/> on islands (one, or as many as it takes to reach <see cref="MinBlocks"/> blocks,
    /// at most 64), runs <paramref name="timeline"/> on each, and returns the managed heap growth (full collections before
    /// and after, hosts still alive) divided by their memory blocks: actor cells, mailboxes, block actors and kernel-state
    /// slots together.
    /// </summary>
    /// <remarks>With <see cref="FleetHostStart.Copy"/> the hosts start from the class's prefix as in a run; the prefix itself, shared by every host, is not counted.</remarks>
    public static double BytesPerBlock(HostClass cls, ImmutableArray<FleetOperation> timeline, long seed, FleetHostStart start = FleetHostStart.Copy)
    {
        ArgumentNullException.ThrowIfNull(cls);
        var prefix = start == FleetHostStart.Copy ? HostRun.RunPrefix(cls, timeline, HostPrefix.Length(timeline), keepEvents: false) : null;
        using var system = ActorSystem.Create("probe", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
        var islands = new List<Island>();
        long blocks = 0;
        // The prefix's actor system is gone: let its finalizers run, so its memory is not freed between the two readings.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = LiveBytes();
        while (blocks < MinBlocks && islands.Count < 64)
        {
            var island = system.CreateIsland($"host-{islands.Count}", new IslandSettings { Seed = seed });
            blocks += HostRun.Run(islands.Count, cls, timeline, FleetSeeds.ForHost(seed, islands.Count), island, journal: null, prefix).Blocks;
            islands.Add(island);
        }

        var after = LiveBytes();
        GC.KeepAlive(islands);
        GC.KeepAlive(prefix);
        return blocks == 0 ? 0 : Math.Max(0, after - before) / (double)blocks;
    }

    /// <summary>
    /// Managed bytes in use after a full compacting collection: without compaction free gaps between survivors count as in
    /// use, and with the CLI's 4 MiB large-object threshold a host's few-hundred-KB arrays leave such gaps in the small-object
    /// heap (the figure read 234 or 328-333 bytes/block from run to run).
    /// </summary>
    private static long LiveBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
