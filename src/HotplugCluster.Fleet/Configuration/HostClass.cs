using HotplugCluster.Kernel.Settings;

namespace HotplugCluster.Fleet.Configuration;

/// <summary>One class of identical hosts in a variant: <see cref="Count"/> hosts booted from <see cref="Host"/>, filled per <see cref="Workload"/>.</summary>
public sealed record HostClass(string Name, int Count, HostSettings Host, WorkloadSettings Workload);
