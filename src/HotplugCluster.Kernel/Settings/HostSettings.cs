using System.Collections.Immutable;

namespace HotplugCluster.Kernel.Settings;

/// <summary>One host: kernel knobs, NUMA nodes (DRAM laid out from 0 in node order) and CXL devices.</summary>
public sealed record HostSettings(
    KernelSettings Kernel,
    ImmutableArray<NumaNodeSettings> NumaNodes,
    ImmutableArray<CxlDeviceSettings> CxlDevices)
{
    /// <summary>Checks the topology and resolves block size and CXL windows; never throws for bad settings.</summary>
    public HostLayoutResult Resolve() => HostLayout.Resolve(this);
}
