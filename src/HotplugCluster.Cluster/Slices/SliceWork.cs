using HotplugCluster.Fleet.Runs;

namespace HotplugCluster.Cluster.Slices;

/// <summary>What a member computes for one slice: the job's fleet (compressed text) and the slice; the result is the compressed hosts.</summary>
public sealed record SliceWork(string JobId, FleetSlice Slice, byte[] Job);

/// <summary>A <see cref="SliceWork"/>'s result: the slice's hosts, or why it failed.</summary>
public sealed record SliceComputed(FleetSlice Slice, byte[]? Hosts, string? Error);
