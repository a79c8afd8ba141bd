using System.Collections.Immutable;
using HotplugCluster.Actors;
using HotplugCluster.Actors.Dispatch;

namespace HotplugCluster.Simulation.Fleet;

/// <summary>
/// Runs a <see cref="FleetPlan"/>: for each variant, its hosts on parallel workers, each host alone on a deterministic
/// island seeded from the fleet seed and the host's index; islands never message each other and all their input comes
/// from their own seed, so the results (kept by host index) are the same on one core or many. A host's island is
/// stopped when the host is done, so memory holds only the hosts in flight.
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
            // Each worker takes the next host as soon as it is done with one (no batch barrier) and runs it on an island of
            // its own system, which it replaces every SystemHosts hosts: memory holds the hosts in flight, not the fleet.
            Parallel.ForEach(
                System.Collections.Concurrent.Partitioner.Create(jobs, loadBalance: true),
                new ParallelOptions { MaxDegreeOfParallelism = workers },
                () => new WorkerSystem(),
                (job, _, worker) =>
                {
                    var island = worker.Island($"host-{job.Index}", new IslandSettings { Seed = FleetSeeds.ForHost(plan.Seed, job.Index) });
                    var journal = options.Journal is { } sink ? (Action<Hosts.HostEventLog>)(log => sink(variant.Index, job.Index, log)) : null;
                    hosts[job.Index] = HostRun.Run(
                        job.Index, job.Class, variant.Timeline, FleetSeeds.ForHost(plan.Seed, job.Index), island, journal, prefixes?[job.ClassIndex]);
                    island.Discard();
                    options.Progress?.Invoke(Interlocked.Increment(ref done), total);
                    return worker;
                },
                worker => worker.Dispose());
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

    /// <summary>A worker's parallel system, replaced after <see cref="SystemHosts"/> islands so that terminated ones do not pile up.</summary>
    private sealed class WorkerSystem : IDisposable
    {
        private const int SystemHosts = 32;
        private ActorSystem? _system;
        private int _islands;

        public Island Island(string name, IslandSettings settings)
        {
            if (_system is null || _islands == SystemHosts)
            {
                _system?.Dispose();
                _system = ActorSystem.Create("fleet", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
                _islands = 0;
            }

            _islands++;
            return _system.CreateIsland(name, settings);
        }

        public void Dispose() => _system?.Dispose();
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
