using System.Collections.Immutable;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Settings;

/// <summary>One NUMA node known at boot (<c>host.numa-nodes[i]</c>); DRAM may be zero for a memory-less (CXL) node.</summary>
public sealed record NumaNodeSettings(int Id, int Cpus, ByteSize Dram)
{
    /// <summary>Gaps in this node's DRAM that are not RAM (<c>host.numa-nodes[i].holes</c>), in address order.</summary>
    public ImmutableArray<MemoryHole> Holes { get; init; } = [];

    /// <summary>
    /// This node's row of the ACPI SLIT (<c>host.numa-nodes[i].distances</c>), one entry per node of the table; empty when
    /// the node has no row (no SLIT, or a node the firmware left out of it, as a CXL node made from a CFMWS window).
    /// </summary>
    public ImmutableArray<int> Distances { get; init; } = [];

    /// <summary>Value equality, holes and distances compared element by element (an immutable array alone compares by reference).</summary>
    public bool Equals(NumaNodeSettings? other) =>
        other is not null && Id == other.Id && Cpus == other.Cpus && Dram == other.Dram && Holes.SequenceEqual(other.Holes)
        && Distances.SequenceEqual(other.Distances);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Cpus, Dram, Holes.Length);
}
