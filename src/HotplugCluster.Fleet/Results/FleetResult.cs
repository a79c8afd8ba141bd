using System.Collections.Immutable;
using HotplugCluster.Fleet.Configuration;

namespace HotplugCluster.Fleet.Results;

/// <summary>A fleet run: the plan, each variant's results in variant order, and how many workers ran it.</summary>
public sealed record FleetResult(FleetPlan Plan, ImmutableArray<VariantResult> Variants, int Workers)
{
    /// <summary>Hosts run.</summary>
    public long Hosts => Variants.Sum(v => (long)v.Hosts.Length);

    /// <summary>Memory blocks the hosts ended up with (boot and hot-added).</summary>
    public long Blocks => Variants.Sum(v => v.Hosts.Sum(h => (long)h.Blocks));
}
