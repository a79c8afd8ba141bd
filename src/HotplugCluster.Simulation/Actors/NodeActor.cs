using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Simulation.Actors;

/// <summary>One NUMA node: owns its zones (DMA32, Normal, Movable) and their present / managed / allocated pages.</summary>
/// <remarks>include/linux/mmzone.h <c>pg_data_t</c>; drivers/base/node.c <c>register_one_node()</c>.</remarks>
internal sealed class NodeActor(HostContext host, int id) : HostPartActor(host)
{
    private string? _persistenceId;

    public override string PersistenceId => _persistenceId ??= Host.PersistenceId($"node{id}");
}
