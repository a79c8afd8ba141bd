using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Simulation.Actors;

/// <summary>
/// The kmem dax driver: owns the driver's file-scope state, <c>any_hotremove_failed</c> (set when a range of an
/// unbound device could not be removed). Per-device kmem data (<c>struct dax_kmem_data</c>) lives with the dax
/// device, as drvdata does in the kernel.
/// </summary>
/// <remarks>drivers/dax/kmem.c <c>dev_dax_kmem_remove()</c>, <c>any_hotremove_failed</c>.</remarks>
internal sealed class KmemDriverActor(HostContext host) : HostPartActor(host)
{
    protected override string PersistenceId => Host.PersistenceId("kmem");
}
