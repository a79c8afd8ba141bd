using System.Collections.Immutable;

namespace HotplugCluster.Kernel.Settings;

/// <summary>One host: kernel knobs, NUMA nodes (DRAM laid out from 0 in node order) and CXL devices.</summary>
public sealed record HostSettings(
    KernelSettings Kernel,
    ImmutableArray<NumaNodeSettings> NumaNodes,
    ImmutableArray<CxlDeviceSettings> CxlDevices)
{
    /// <summary>Persistent-memory regions with a devdax namespace each (<c>host.pmem-devices</c>), placed after the CXL windows.</summary>
    public ImmutableArray<PmemDeviceSettings> PmemDevices { get; init; } = [];

    /// <summary>Checks the topology and resolves block size and CXL windows; never throws for bad settings.</summary>
    public HostLayoutResult Resolve() => HostLayout.Resolve(this);
}
