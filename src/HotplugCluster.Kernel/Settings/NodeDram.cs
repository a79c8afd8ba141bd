using System.Collections.Immutable;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Settings;

/// <summary>A node's boot DRAM range: e820 "System RAM" except its <see cref="Holes"/>.</summary>
public sealed record NodeDram(NodeId Node, PhysAddr Start, ByteSize Size)
{
    /// <summary>Absolute ranges inside the node's DRAM that are not RAM, in address order.</summary>
    public ImmutableArray<(PhysAddr Start, ByteSize Size)> Holes { get; init; } = [];
}
