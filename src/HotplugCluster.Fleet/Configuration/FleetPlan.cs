using System.Collections.Immutable;
using HotplugCluster.Fleet.Runs;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Fleet.Configuration;

/// <summary>A validated fleet experiment: its variants (the sweep's cartesian product) and how to run them.</summary>
public sealed record FleetPlan(
    string Name,
    long Seed,
    ImmutableArray<SweepAxis> Sweep,
    ImmutableArray<FleetVariant> Variants,
    int Parallelism,
    ByteSize MemoryLimit)
{
    /// <summary>Whether hosts start from a copy of their class's run of the timeline's leading hot-add-cxl and online operations, or boot.</summary>
    public FleetHostStart HostStart { get; init; } = FleetHostStart.Copy;

    /// <summary>Hosts run over all variants.</summary>
    public long TotalHosts => Variants.Sum(v => (long)v.HostCount);

    /// <summary>Memory blocks booted or hot-added over all variants (every block of every host's DRAM and CXL).</summary>
    public long TotalBlocks => Variants.Sum(v => v.Classes.Sum(c => (long)c.Count * FleetEstimate.BlocksPerHost(c.Host)));
}
