using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Simulation.Actors;

/// <summary>
/// One CXL memory device (mem0): owns its CXL window and region (<c>CXL Window N</c>, <c>regionN</c>), which it
/// commits at boot. The model has no CXL operation after boot (region reconfiguration is not modelled).
/// </summary>
/// <remarks>drivers/cxl/core/region.c <c>cxl_region_probe()</c> → <c>devm_cxl_add_dax_region()</c>.</remarks>
internal sealed class CxlDeviceActor(HostContext host, string name) : HostPartActor(host)
{
    protected override string PersistenceId => Host.PersistenceId(name);
}
