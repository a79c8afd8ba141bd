using HotplugCluster.Cluster.Slices;
using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Fleet.Results;
using HotplugCluster.Fleet.Runs;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cluster.Submitting;

/// <summary>
/// Runs a fleet on a cluster (<see cref="ClusterJob"/>): slices of hosts (a variant and a range of host indices), merged
/// in index order into the same <see cref="FleetResult"/> a single process computes.
/// </summary>
public static class ClusterFleet
{
    /// <summary>
    /// Runs <paramref name="plan"/> (read from <paramref name="root"/>) on the cluster at <paramref name="seeds"/>, once
    /// <paramref name="expectedWorkers"/> worker members (at least one) are up; <paramref name="progress"/> gets (hosts done, hosts).
    /// </summary>
    public static async Task<(FleetResult Result, SubmitStats Stats)> RunAsync(
        Config root, FleetPlan plan, string modelVersion, IReadOnlyList<string> seeds, int expectedWorkers, Action<long, long>? progress)
    {
        ArgumentNullException.ThrowIfNull(plan);
        long done = 0;
        var total = plan.TotalHosts;
        var submitted = await ClusterJob.RunAsync(
            root, modelVersion, seeds, expectedWorkers, FleetSliceCompute.FleetText(root),
            (settings, workers) => FleetSlices.Cut(plan, settings.HostsPerSlice(plan.Variants.Max(v => v.HostCount), workers)),
            s => progress?.Invoke(Interlocked.Add(ref done, s.Count), total)).ConfigureAwait(false);
        var merged = FleetSlices.Merge(plan, submitted.Slices.Select(kv => (kv.Key, SlicePayload.DecodeHosts(kv.Value))), submitted.Stats.Members);
        return (merged, submitted.Stats);
    }
}
