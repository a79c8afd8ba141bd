using HotplugCluster.Kernel.Operations;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Locks;

namespace HotplugCluster.Simulation.Actors;

/// <summary>
/// One CXL memory device slot (mem0): owns its CXL window and region (<c>CXL Window N</c>, <c>regionN</c>), which it
/// commits at boot when the card is present, and again at a hot insert (<see cref="CxlMemdevInsert"/>); the region
/// goes at a removal (<see cref="CxlMemdevRemove"/>). Serves the memdev's <c>device_lock</c>.
/// </summary>
/// <remarks>drivers/cxl/core/region.c <c>cxl_region_probe()</c> → <c>devm_cxl_add_dax_region()</c>, <c>unregister_region()</c>.</remarks>
internal sealed class CxlDeviceActor(HostContext host, string name) : HostPartActor(host)
{
    public override string PersistenceId => Host.PersistenceId(name);

    protected override LockName? DeviceLock => new LockName(KernelLock.CxlMemdev, name);
}
