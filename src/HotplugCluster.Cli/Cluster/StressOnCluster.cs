using HotplugCluster.Cli.Commands;
using HotplugCluster.Cluster.Schedules;
using HotplugCluster.Cluster.Submitting;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cli.Cluster;

/// <summary>
/// <c>hotplug stress SCENARIO --cluster URI | --nodes N</c>: the schedules in ranges across the members, the lowest
/// violating schedule over all ranges (the one a single process reports), or null when none violates.
/// </summary>
internal static class StressOnCluster
{
    public static int? FirstViolation(Config root, StressJob job, int schedules, IReadOnlyList<string> sets, ClusterTarget target, Action<int>? progress) =>
        target.Run(MemberSets(sets), (seeds, workers) => ClusterStress.RunAsync(root, job, schedules, RunCommand.ModelVersion, seeds, workers, progress)).Violation;

    /// <summary>What local members are started with: the scenario's own settings travel in the job, the hotplug and akka ones must be the members' too.</summary>
    private static string[] MemberSets(IReadOnlyList<string> sets) =>
        [.. sets.Where(s => s.TrimStart().StartsWith("hotplug", StringComparison.Ordinal) || s.TrimStart().StartsWith("akka", StringComparison.Ordinal))];
}
