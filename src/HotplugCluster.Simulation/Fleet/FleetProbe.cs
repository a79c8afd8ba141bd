using System.Collections.Immutable;
using HotplugCluster.Actors;
using HotplugCluster.Actors.Dispatch;

namespace HotplugCluster.Simulation.Fleet;

/// <summary>Measures what one host costs in memory while it runs: managed bytes per memory block with the host's actors alive.</summary>
public static class FleetProbe
{
    /// <summary>
    /// Boots one host of <paramref name="cls"/> on an island, runs <paramref name="timeline"/>, and returns the managed heap
    /// growth (after full collections, host still alive) divided by its memory blocks: actor cells, mailboxes, block actors
    /// and kernel-state slots together.
    /// </summary>
    public static double BytesPerBlock(HostClass cls, ImmutableArray<FleetOperation> timeline, long seed)
    {
        ArgumentNullException.ThrowIfNull(cls);
        using var system = ActorSystem.Create("probe", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var island = system.CreateIsland("host-0", new IslandSettings { Seed = seed });
        var result = HostRun.Run(0, cls, timeline, seed, island, journal: null);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(island);
        return result.Blocks == 0 ? 0 : (after - before) / (double)result.Blocks;
    }
}
