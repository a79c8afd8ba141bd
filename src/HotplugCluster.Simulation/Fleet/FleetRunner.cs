using System.Collections.Immutable;
using HotplugCluster.Actors;
using HotplugCluster.Actors.Dispatch;

namespace HotplugCluster.Simulation.Fleet;

/// <summary>
/// Runs a <see cref="FleetPlan"/>: for each variant, its hosts in batches on a parallel actor system, each host alone
/// on a deterministic island seeded from the fleet seed and the host's index; islands never message each other and all
/// their input comes from their own seed, so the results (kept by host index) are the same on one core or many.
/// A batch's system is torn down before the next starts, so memory holds only the hosts in flight.
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
            var hosts = new HostResult[variant.HostCount];
            var jobs = Jobs(variant).ToArray();
            var prefixes = Prefixes(plan, variant);
            var batch = FleetEstimate.HostsInFlight(workers);
            for (var first = 0; first < jobs.Length; first += batch)
            {
                var slice = jobs.AsSpan(first, Math.Min(batch, jobs.Length - first)).ToArray();
                using var system = ActorSystem.Create("fleet", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
                var islands = slice.Select(j => system.CreateIsland(
                    $"host-{j.Index}", new IslandSettings { Seed = FleetSeeds.ForHost(plan.Seed, j.Index) })).ToArray();
                var byIsland = islands.Select((island, k) => (island, k)).ToDictionary(p => p.island, p => slice[p.k]);
                Island.RunInParallel(islands, island =>
                {
                    var job = byIsland[island];
                    var journal = options.Journal is { } sink ? (Action<Hosts.HostEventLog>)(log => sink(variant.Index, job.Index, log)) : null;
                    hosts[job.Index] = HostRun.Run(
                        job.Index, job.Class, variant.Timeline, FleetSeeds.ForHost(plan.Seed, job.Index), island, journal, prefixes?[job.ClassIndex]);

                    // Stopped here, on this worker, rather than with every other island of the batch on one thread at the end.
                    island.Terminate();
                    options.Progress?.Invoke(Interlocked.Increment(ref done), total);
                }, workers);
            }

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

    /// <summary>Each class's run of the timeline's leading hot-add-cxl and online operations, when hosts start from a copy.</summary>
    private static HostPrefix[]? Prefixes(FleetPlan plan, FleetVariant variant) =>
        plan.HostStart == FleetHostStart.Copy
            ? [.. variant.Classes.Select(c => HostRun.RunPrefix(c, variant.Timeline, HostPrefix.Length(variant.Timeline)))]
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
