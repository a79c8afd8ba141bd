using System.Collections.Immutable;
using HotplugCluster.Actors;
using HotplugCluster.Actors.Dispatch;
using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Fleet.Results;

namespace HotplugCluster.Fleet.Runs;

/// <summary>
/// A fleet cut into slices (a variant and a range of its host indices) that run anywhere, one after another or on other
/// machines: each host is seeded from the fleet seed and its index exactly as <see cref="FleetRunner"/> seeds it, so the
/// hosts of a slice equal the same hosts of a whole run, and <see cref="Merge"/> of all slices equals <see cref="FleetRunner.Run"/>.
/// </summary>
public static class FleetSlices
{
    /// <summary>The slices of <paramref name="plan"/>: every variant's hosts in ranges of at most <paramref name="hostsPerSlice"/>, in variant and index order.</summary>
    public static ImmutableArray<FleetSlice> Cut(FleetPlan plan, int hostsPerSlice)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(hostsPerSlice, 1);
        var slices = ImmutableArray.CreateBuilder<FleetSlice>();
        foreach (var variant in plan.Variants)
        {
            for (var from = 0; from < variant.HostCount; from += hostsPerSlice)
            {
                slices.Add(new FleetSlice(variant.Index, from, Math.Min(variant.HostCount, from + hostsPerSlice)));
            }
        }

        return slices.ToImmutable();
    }

    /// <summary>
    /// Runs the hosts of <paramref name="slice"/> one after another on the calling thread, each on an island of its own;
    /// results are in host index order. <paramref name="start"/> is the variant's start when the caller keeps it for several slices.
    /// </summary>
    public static ImmutableArray<HostResult> Run(FleetPlan plan, FleetSlice slice, VariantStart? start = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var variant = plan.Variants[slice.Variant];
        start ??= VariantStart.Of(plan, slice.Variant);
        if (start.Variant != slice.Variant)
        {
            throw new ArgumentException($"the start of variant {start.Variant} given for slice {slice}", nameof(start));
        }

        var prefixes = start.Prefixes;
        var results = ImmutableArray.CreateBuilder<HostResult>(slice.Count);
        using var system = ActorSystem.Create("fleet-slice", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
        for (var index = slice.From; index < slice.To; index++)
        {
            var (cls, classIndex) = ClassOf(variant, index);
            var seed = FleetSeeds.ForHost(plan.Seed, index);
            var island = system.CreateIsland($"host-{index}", new IslandSettings { Seed = seed });
            results.Add(HostRun.Run(index, cls, variant.Timeline, seed, island, null, prefixes?[classIndex]));
            island.Discard();
        }

        return results.MoveToImmutable();
    }

    /// <summary>
    /// The fleet result of <paramref name="plan"/> from every slice's hosts (in any order; each host index of each variant
    /// exactly once); <paramref name="workers"/> is recorded as the run's worker count.
    /// </summary>
    public static FleetResult Merge(FleetPlan plan, IEnumerable<(FleetSlice Slice, ImmutableArray<HostResult> Hosts)> slices, int workers)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(slices);
        var hosts = plan.Variants.Select(v => new HostResult?[v.HostCount]).ToArray();
        foreach (var (slice, results) in slices)
        {
            for (var i = 0; i < results.Length; i++)
            {
                var index = slice.From + i;
                if (results[i].Index != index || hosts[slice.Variant][index] is not null)
                {
                    throw new InvalidOperationException($"slice {slice} holds host {results[i].Index} at position {i}, or host {index} twice");
                }

                hosts[slice.Variant][index] = results[i];
            }
        }

        var variants = plan.Variants.Select(v =>
        {
            var missing = Array.FindIndex(hosts[v.Index], h => h is null);
            return missing >= 0
                ? throw new InvalidOperationException($"variant {v.Index} lacks host {missing}")
                : new VariantResult(v, [.. hosts[v.Index].Select(h => h!)]);
        });
        return new FleetResult(plan, [.. variants], workers);
    }

    private static (HostClass Class, int ClassIndex) ClassOf(FleetVariant variant, int index)
    {
        var first = 0;
        for (var k = 0; k < variant.Classes.Length; k++)
        {
            if (index < first + variant.Classes[k].Count)
            {
                return (variant.Classes[k], k);
            }

            first += variant.Classes[k].Count;
        }

        throw new ArgumentOutOfRangeException(nameof(index), index, $"variant {variant.Index} has {variant.HostCount} hosts");
    }
}
