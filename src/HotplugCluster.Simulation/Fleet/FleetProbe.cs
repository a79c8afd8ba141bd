using System.Collections.Immutable;
using HotplugCluster.Actors;
using HotplugCluster.Actors.Dispatch;

namespace HotplugCluster.Simulation.Fleet;

/// <summary>Measures what one host costs in memory while it runs: managed bytes per memory block with the host's actors alive.</summary>
public static class FleetProbe
{
    /// <summary>Blocks the probe runs at least (small hosts are run several times) so that heap noise stays far below the figure.</summary>
    public const int MinBlocks = 4096;

    /// <summary>
    /// Boots hosts of <paramref name="cls"/> on islands (one, or as many as it takes to reach <see cref="MinBlocks"/> blocks,
    /// at most 64), runs <paramref name="timeline"/> on each, and returns the managed heap growth (full collections before
    /// and after, hosts still alive) divided by their memory blocks: actor cells, mailboxes, block actors and kernel-state
    /// slots together.
    /// </summary>
    public static double BytesPerBlock(HostClass cls, ImmutableArray<FleetOperation> timeline, long seed)
    {
        ArgumentNullException.ThrowIfNull(cls);
        using var system = ActorSystem.Create("probe", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
        var islands = new List<Island>();
        long blocks = 0;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        while (blocks < MinBlocks && islands.Count < 64)
        {
            var island = system.CreateIsland($"host-{islands.Count}", new IslandSettings { Seed = seed });
            blocks += HostRun.Run(islands.Count, cls, timeline, FleetSeeds.ForHost(seed, islands.Count), island, journal: null).Blocks;
            islands.Add(island);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(islands);
        return blocks == 0 ? 0 : Math.Max(0, after - before) / (double)blocks;
    }
}
