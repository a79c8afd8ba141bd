using HotplugCluster.Cluster.Schedules;
using HotplugCluster.Fleet.Runs;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cluster.Submitting;

/// <summary>
/// Runs a stress search on a cluster (<see cref="ClusterJob"/>): schedules 0 to <c>schedules</c> cut into ranges,
/// placed as fleet slices are, each answering its lowest violation (<see cref="RangeOutcome"/>). The search's answer is
/// the lowest of them: the schedule a single process reports, since every schedule below it ran somewhere without one.
/// </summary>
public static class ClusterStress
{
    /// <summary>
    /// Runs schedules 0 to <paramref name="schedules"/> (exclusive) of <paramref name="job"/> on the cluster at <paramref name="seeds"/>;
    /// <paramref name="progress"/> gets the schedules settled so far (run, or skipped above a known violation).
    /// </summary>
    public static async Task<(int? Violation, SubmitStats Stats)> RunAsync(
        Config root, StressJob job, int schedules, string modelVersion, IReadOnlyList<string> seeds, int expectedWorkers, Action<int>? progress)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentOutOfRangeException.ThrowIfLessThan(schedules, 1);
        var done = 0;
        var submitted = await ClusterJob.RunAsync(
            root, modelVersion, seeds, expectedWorkers, job.ToText(),
            (settings, workers) => Ranges(schedules, settings.HostsPerSlice(schedules, workers)),
            s => progress?.Invoke(Interlocked.Add(ref done, s.Count))).ConfigureAwait(false);
        return (submitted.Slices.Values.Select(RangeOutcome.Decode).Min(o => o.Violation), submitted.Stats);
    }

    /// <summary>Schedules 0 to <paramref name="schedules"/> in ranges of <paramref name="perRange"/> (the last may be shorter), as variant 0 slices.</summary>
    public static IReadOnlyList<FleetSlice> Ranges(int schedules, int perRange)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perRange, 1);
        return [.. Enumerable.Range(0, (schedules + perRange - 1) / perRange).Select(i => new FleetSlice(0, i * perRange, Math.Min(schedules, (i + 1) * perRange)))];
    }
}
