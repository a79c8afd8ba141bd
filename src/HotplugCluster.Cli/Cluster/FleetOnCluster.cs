using HotplugCluster.Cli.Commands;
using HotplugCluster.Cluster;
using HotplugCluster.Cluster.Submitting;
using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Fleet.Results;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cli.Cluster;

/// <summary>
/// <c>hotplug fleet FLEET --cluster URI</c> (submit to a running cluster) and <c>--nodes N</c> (start N local members,
/// run, stop them): the same result a single process computes, merged from the members' slices.
/// </summary>
internal static class FleetOnCluster
{
    /// <summary>The target of the options (see <see cref="ClusterTarget.Of"/>); --journal full runs only in this process.</summary>
    public static ClusterTarget? Target(string? cluster, int? nodes, bool fullJournal, TextWriter error)
    {
        if (fullJournal && (cluster is not null || nodes is not null))
        {
            error.WriteLine("error: --journal full keeps every kernel event in this process and runs only here; use summary or none with --cluster or --nodes");
            return new ClusterTarget([], 0, Error: true);
        }

        return ClusterTarget.Of(cluster, nodes, error);
    }

    /// <summary>Runs <paramref name="plan"/> on <paramref name="target"/>; throws <see cref="ClusterException"/> with the reason it cannot.</summary>
    public static FleetResult Run(Config root, FleetPlan plan, IReadOnlyList<string> sets, ClusterTarget target, Action<long, long>? progress) =>
        target.Run(sets, (seeds, workers) => ClusterFleet.RunAsync(root, plan, RunCommand.ModelVersion, seeds, workers, progress)).Result;
}
