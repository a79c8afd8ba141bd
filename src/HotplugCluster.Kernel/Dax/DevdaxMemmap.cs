using System.Collections.Immutable;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Kernel.Dax;

/// <summary>Where device_dax's own ZONE_DEVICE memmap was allocated: a kernel zone of a node, spread over host blocks.</summary>
public sealed record DevdaxMemmap(NodeId Node, ZoneType Zone, ImmutableArray<HostedPages> Hosts)
{
    public PageCount Pages => Hosts.Aggregate(PageCount.Zero, (a, h) => a + h.Pages);
}
