using System.Collections.Immutable;
using HotplugCluster.Actors;
using HotplugCluster.Actors.Dispatch;
using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Fleet.Results;
using HotplugCluster.Kernel.Host;

namespace HotplugCluster.Fleet.Runs;

/// <summary>
/// Runs a <see cref="FleetPlan"/>: for each variant, its hosts on parallel workers, each host alone on a deterministic
/// island seeded from the fleet seed and the host's index; islands never message each other and all their input comes
/// from their own seed, so the results (kept by host index) are the same on one core or many. A host's island is
/// discarded when the host is done, so memory holds only the hosts in flight.
/// </summary>
public static class FleetRunner
{
    /// <summary>Runs every variant of <paramref name="plan"/> and returns their results in variant order.</summary>
    public static FleetResult Run(FleetPlan plan, FleetRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        options ??= new FleetRunOptions();
        var workers = Workers(plan, options);
        var total = plan.TotalHosts;
        long done = 0;
        var variants = ImmutableArray.CreateBuilder<VariantResult>();
        foreach (var variant in plan.Variants)
        {
            options.VariantStarting?.Invoke(variant.Index);
            var hosts = new HostResult[variant.HostCount];
            var jobs = Jobs(variant).ToArray();
            var prefixes = Prefixes(plan, variant, keepEvents: options.Journal is not null);
            options.HostsStarting?.Invoke(variant.Index);
            // Each worker takes the next host as soon as it is done with one (no batch barrier) and runs it on an island of
            // its own system; a finished host's island is discarded (the system forgets it), so memory holds the hosts in flight.
            // One loop per worker for the whole variant, not Parallel.ForEach's per-host body: ForEach ends a worker that is
            // not the calling thread every 100-150 ms (its replica yields to the pool and starts over on a fresh localInit),
            // which made that worker create and dispose an actor system and drop its HostStateStorage ~7 times a second.
            var next = -1;
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, (_, loop) =>
            {
                using var system = ActorSystem.Create("fleet", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
                var storage = new HostStateStorage();
                for (var i = Interlocked.Increment(ref next); i < jobs.Length && !loop.IsExceptional; i = Interlocked.Increment(ref next))
                {
                    var job = jobs[i];
                    var island = system.CreateIsland($"host-{job.Index}", new IslandSettings { Seed = FleetSeeds.ForHost(plan.Seed, job.Index) });
                    var journal = options.Journal is { } sink ? (Action<HotplugCluster.Simulation.Hosts.HostEventLog>)(log => sink(variant.Index, job.Index, log)) : null;
                    hosts[job.Index] = HostRun.Run(
                        job.Index, job.Class, variant.Timeline, FleetSeeds.ForHost(plan.Seed, job.Index), island, journal, prefixes?[job.ClassIndex], storage);
                    island.Discard();
                    options.Progress?.Invoke(Interlocked.Increment(ref done), total);
                }
            });
            variants.Add(new VariantResult(variant, [.. hosts]));
        }

        return new FleetResult(plan, variants.ToImmutable(), workers);
    }

    /// <summary>Workers: the option, else the plan's setting, else one per core.</summary>
    public static int Workers(FleetPlan plan, FleetRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var n = options.Parallelism > 0 ? options.Parallelism : plan.Parallelism;
        return n > 0 ? n : Environment.ProcessorCount;
    }

    /// <summary>
    /// Each class's run of the timeline's leading hot-add-cxl and online operations, when hosts start from a copy; with its
    /// events only when the hosts journal theirs: the scale target's prefix applies ~50,000 events, which a run without a full journal kept
    /// (and copied into the snapshot) for nothing.
    /// </summary>
    private static HostPrefix[]? Prefixes(FleetPlan plan, FleetVariant variant, bool keepEvents) =>
        plan.HostStart == FleetHostStart.Copy
            ? [.. variant.Classes.Select(c => HostRun.RunPrefix(c, variant.Timeline, HostPrefix.Length(variant.Timeline), keepEvents))]
            : null;

    private static IEnumerable<(int Index, HostClass Class, int ClassIndex)> Jobs(FleetVariant variant)
    {
        var index = 0;
        for (var k = 0; k < variant.Classes.Length; k++)
        {
            for (var i = 0; i < variant.Classes[k].Count; i++)
            {
                yield return (index++, variant.Classes[k], k);
            }
        }
    }
}
