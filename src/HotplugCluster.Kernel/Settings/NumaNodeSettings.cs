using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Settings;

/// <summary>One NUMA node known at boot (<c>host.numa-nodes[i]</c>); DRAM may be zero for a memory-less (CXL) node.</summary>
public sealed record NumaNodeSettings(int Id, int Cpus, ByteSize Dram);
